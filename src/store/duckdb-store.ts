import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CriticalError, VouchError } from '../core/errors.js';
import type { LinkRecord, PageRecord } from '../core/types.js';
import { resolveDataDir } from './data-dir.js';
import type { DataDirOptions } from './data-dir.js';
import { applyMigrations, currentSchemaVersion } from './internal/apply-migrations.js';
import { classifyOpenError } from './internal/classify-open-error.js';
import { writeLinkBatch } from './internal/link-writer.js';
import { writePageBatch } from './internal/page-writer.js';
import { toDuckParams, toDuckTypes } from './internal/values.js';
import type { SqlParams } from './internal/values.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/index.js';
import type { HostEdge, Store, StoreDialect, WriteLinksResult } from './store.js';

export interface OpenStoreOptions extends DataDirOptions {
  /** Use this exact database file instead of `<dataDir>/vouch.duckdb` (tests, `:memory:`). */
  databasePath?: string;
  /** Open without writing (no migrations; fails on an empty file). */
  readOnly?: boolean;
  /** Override the migration list (tests of the migration machinery). */
  migrations?: readonly Migration[];
}

/** The DuckDB adapter of the store port: one file, one owner process. */
export class DuckDbStore implements Store {
  readonly dialect: StoreDialect = 'duckdb';
  readonly databasePath: string;
  readonly connection: DuckDBConnection;
  private readonly instance: DuckDBInstance;
  private closed = false;
  /**
   * The open transaction, if any. One connection serves the whole process, so a statement from
   * elsewhere (an API request while a crawl commits) must not run inside someone else's
   * transaction: it waits for the commit. Statements of the transaction itself carry its context
   * (AsyncLocalStorage) and go straight through.
   */
  private openTransaction: Promise<unknown> | null = null;
  private readonly transactionContext = new AsyncLocalStorage<true>();

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, databasePath: string) {
    this.instance = instance;
    this.connection = connection;
    this.databasePath = databasePath;
  }

  /**
   * Open (creating if needed) the store and migrate it to the newest schema.
   * @example const store = await DuckDbStore.open({ dataDir: 'vouch-data' });
   */
  static async open(options: OpenStoreOptions = {}): Promise<DuckDbStore> {
    const databasePath = options.databasePath ?? resolveDataDir(options).databasePath;
    if (databasePath !== ':memory:') ensureWritableDir(databasePath, options.readOnly === true);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(databasePath, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (err) {
      throw classifyOpenError(err, databasePath);
    }
    const connection = await instance.connect();
    const store = new DuckDbStore(instance, connection, databasePath);
    try {
      if (!options.readOnly) await applyMigrations(connection, options.migrations ?? MIGRATIONS, databasePath);
    } catch (err) {
      await store.close();
      throw err instanceof VouchError ? err : classifyOpenError(err, databasePath);
    }
    return store;
  }

  /** True inside `transaction(fn)`'s own async context. */
  private get insideTransaction(): boolean {
    return this.transactionContext.getStore() === true;
  }

  /**
   * Whether to wait for another context's transaction. Callers loop on it right before they issue
   * their statement, with no await in between, so that no transaction can begin in the gap.
   */
  private get othersTransaction(): Promise<unknown> | null {
    return this.insideTransaction ? null : (this.openTransaction?.catch(() => undefined) ?? null);
  }

  async all<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    for (let t = this.othersTransaction; t; t = this.othersTransaction) await t;
    const reader = await this.connection.runAndReadAll(sql, toDuckParams(params), toDuckTypes(params));
    return reader.getRowObjectsJS() as T[];
  }

  async one<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    for (let t = this.othersTransaction; t; t = this.othersTransaction) await t;
    await this.connection.run(sql, toDuckParams(params), toDuckTypes(params));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.insideTransaction) throw new CriticalError('INTERNAL', 'Store transactions do not nest');
    for (let t = this.othersTransaction; t; t = this.othersTransaction) await t;
    const body = this.transactionContext.run(true, async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const result = await fn();
        await this.connection.run('COMMIT');
        return result;
      } catch (err) {
        await this.connection.run('ROLLBACK');
        throw err;
      }
    });
    this.openTransaction = body;
    try {
      return await body;
    } finally {
      if (this.openTransaction === body) this.openTransaction = null;
    }
  }

  async writeLinks(links: Iterable<LinkRecord>, options: { jobId?: number | null } = {}): Promise<WriteLinksResult> {
    const write = (): Promise<WriteLinksResult> => writeLinkBatch(this.connection, links, options.jobId ?? null);
    // Inside a caller's transaction (a crawl batch with its frontier update) the write joins it.
    return this.insideTransaction ? write() : this.transaction(write);
  }

  async writePages(pages: Iterable<PageRecord>): Promise<number> {
    const write = (): Promise<number> => writePageBatch(this.connection, pages);
    return this.insideTransaction ? write() : this.transaction(write);
  }

  async *streamHostEdges(): AsyncIterable<HostEdge> {
    for (let t = this.othersTransaction; t; t = this.othersTransaction) await t;
    const result = await this.connection.stream(`SELECT src_host, dst_host, count(*) AS links FROM links
      WHERE kind = 'a' AND NOT nofollow AND NOT ugc AND NOT sponsored AND NOT meta_nofollow AND lost_at IS NULL AND src_host <> dst_host
      GROUP BY src_host, dst_host`);
    for await (const rows of result.yieldRows()) {
      for (const [src, dst, links] of rows) yield { src: String(src), dst: String(dst), links: Number(links) };
    }
  }

  async schemaVersion(): Promise<number> {
    return currentSchemaVersion(this.connection);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Open the store at the configured data directory. Shorthand for DuckDbStore.open. */
export function openStore(options: OpenStoreOptions = {}): Promise<DuckDbStore> {
  return DuckDbStore.open(options);
}

function ensureWritableDir(databasePath: string, readOnly: boolean): void {
  const dir = path.dirname(databasePath);
  try {
    if (!readOnly) mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, readOnly ? constants.R_OK : constants.R_OK | constants.W_OK);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CriticalError(
      'STORE_UNWRITABLE',
      `Cannot use data directory ${dir} (${reason}). Choose a writable directory with --data DIR or VOUCH_DATA.`,
      { cause: err },
    );
  }
}
