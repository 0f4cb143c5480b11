import { AsyncLocalStorage } from 'node:async_hooks';
import { ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { CriticalError, RetryableError, VouchError } from '../../core/errors.js';
import type { LinkRecord, PageRecord } from '../../core/types.js';
import type { HostEdge, Store, StoreDialect, WriteLinksResult } from '../store.js';
import type { SqlParams } from '../internal/values.js';
import { CLICKHOUSE_SCHEMA_VERSION, checkIdentifier, clickHouseSchema } from './clickhouse-schema.js';
import { bindParams, clickHouseTime } from './internal/bind-params.js';
import { decodeRows } from './internal/decode-rows.js';
import type { ColumnMeta } from './internal/decode-rows.js';
import { valueFormat } from './internal/format-values.js';
import type { ValueFormat } from './internal/format-values.js';
import { writeClickHouseLinks } from './internal/link-writer.js';
import { writeClickHousePages } from './internal/page-writer.js';

type Connection = NonNullable<Parameters<typeof createClient>[0]>['connection'];

export interface ClickHouseStoreOptions {
  /** HTTP(S) address of a server, e.g. `http://127.0.0.1:8123`. Ignored with `connection`. */
  url?: string;
  username?: string;
  password?: string;
  /** Database holding the tables; created when missing. */
  database?: string;
  /** Cluster name (from `remote_servers`): sharded Distributed tables, DDL `ON CLUSTER`. */
  cluster?: string | null;
  /** A ready @clickhouse/client Connection (chdb's `createChdbConnection`), instead of HTTP. */
  connection?: Connection;
  /** Create the schema when missing (default true). */
  createSchema?: boolean;
}

export const CLICKHOUSE_STORE_DEFAULTS = { database: 'vouch', cluster: null, createSchema: true } satisfies Partial<ClickHouseStoreOptions>;

interface JsonBody {
  meta: ColumnMeta[];
  data: Record<string, unknown>[];
}

/**
 * Settings sent with every query. 64-bit integers come quoted (so no count loses precision in
 * JSON; they decode to bigint, as DuckDB's BIGINT does), an outer join's missing side is NULL as in
 * SQL (not the type's default), and times are UTC.
 */
function settingsFor(legacy: boolean, cluster: string | null): ClickHouseSettings {
  const base: ClickHouseSettings = { output_format_json_quote_64bit_integers: 1, join_use_nulls: 1 };
  // On a cluster, an insert returns once every shard has its rows, so the writer's next lookup sees them.
  if (cluster) base.insert_distributed_sync = 1;
  return legacy ? base : { ...base, session_timezone: 'UTC' };
}

/**
 * The ClickHouse adapter of the store port (see store.ts for each method's contract). It speaks to
 * a server over HTTP, or in process to chdb, through the same @clickhouse/client code path. Tables
 * are ReplacingMergeTree, read through FINAL views (clickhouse-schema.ts).
 *
 * Differences from the DuckDB adapter, by nature of ClickHouse:
 * - `transaction(fn)` only runs `fn`: there is no rollback. Every write is an idempotent upsert, so
 *   a failed batch is retried rather than rolled back.
 * - Link ids are 53-bit hashes of the link key, not a sequence (internal/link-identity.ts).
 * - SQL must be ClickHouse SQL; `$1`/`$name` placeholders are bound as typed query parameters.
 */
export class ClickHouseStore implements Store {
  readonly dialect: StoreDialect = 'clickhouse';
  readonly databasePath: string;
  readonly database: string;
  readonly cluster: string | null;
  /** The server is older than 20.1 (no query parameters, DateTime64 or Bool): only the cluster smoke tier uses one. */
  readonly legacy: boolean;
  readonly client: ClickHouseClient;
  private readonly format: ValueFormat;
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private closed = false;

  private constructor(client: ClickHouseClient, o: { location: string; database: string; cluster: string | null; legacy: boolean }) {
    this.client = client;
    this.databasePath = o.location;
    this.database = o.database;
    this.cluster = o.cluster;
    this.legacy = o.legacy;
    this.format = valueFormat(o.legacy);
  }

  /**
   * Connect, create the schema if needed, and check its version.
   * @example const store = await ClickHouseStore.open({ url: 'http://127.0.0.1:8123', database: 'vouch' });
   */
  static async open(options: ClickHouseStoreOptions): Promise<ClickHouseStore> {
    const o = { ...CLICKHOUSE_STORE_DEFAULTS, ...options };
    const database = checkIdentifier(o.database, 'database');
    const log = { level: ClickHouseLogLevel.OFF };
    const auth = { username: o.username, password: o.password };
    const boot = o.connection ? createClient({ connection: o.connection, log, clickhouse_settings: settingsFor(false, o.cluster ?? null) }) : createClient({ url: o.url, ...auth, log });
    let legacy: boolean;
    try {
      const version = await scalarText(boot, 'SELECT version() AS v');
      legacy = Number(version.split('.')[0]) < 20;
      if (o.createSchema) {
        for (const sql of clickHouseSchema({ database, cluster: o.cluster, legacyTypes: legacy })) await boot.command({ query: sql });
      }
      if (o.connection) await boot.command({ query: `USE ${database}` });
    } catch (err) {
      await boot.close();
      throw storeError(err, 'open the ClickHouse store');
    }
    // chdb keeps one session: `USE` sets its database. Over HTTP each request names it.
    const client = o.connection ? boot : createClient({ url: o.url, ...auth, database, log, clickhouse_settings: settingsFor(legacy, o.cluster ?? null) });
    if (!o.connection) await boot.close();
    const location = o.connection ? `chdb:${database}` : `${o.url ?? ''}/${database}`;
    const store = new ClickHouseStore(client, { location, database, cluster: o.cluster ?? null, legacy });
    try {
      const version = await store.schemaVersion();
      if (version > CLICKHOUSE_SCHEMA_VERSION) {
        throw new CriticalError('STORE_TOO_NEW', `${location} has schema version ${version}, written by a newer Vouch; this version knows up to ${CLICKHOUSE_SCHEMA_VERSION}. Upgrade Vouch.`);
      }
      // Every version so far only added tables, which the IF NOT EXISTS DDL above has just created.
      if (o.createSchema && version < CLICKHOUSE_SCHEMA_VERSION) {
        await client.insert({ table: 'vouch_schema_data', values: [{ version: CLICKHOUSE_SCHEMA_VERSION, applied_at: store.format.time(new Date()) }], format: 'JSONEachRow' });
      }
    } catch (err) {
      await store.close();
      throw storeError(err, 'record the ClickHouse schema version');
    }
    return store;
  }

  private get settings(): ClickHouseSettings {
    return settingsFor(this.legacy, this.cluster);
  }

  async all<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const { query, params: query_params } = bindParams(sql, params);
    try {
      const result = await this.client.query({ query, query_params, format: 'JSON', clickhouse_settings: this.settings });
      const body = (await result.json()) as unknown as JsonBody;
      return decodeRows<T>(body.meta, body.data);
    } catch (err) {
      throw storeError(err, 'run a query');
    }
  }

  async one<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    const { query, params: query_params } = bindParams(sql, params);
    try {
      await this.client.command({ query, query_params, clickhouse_settings: this.settings });
    } catch (err) {
      throw storeError(err, 'run a statement');
    }
  }

  /**
   * Insert rows into a table (a `*_data` table, to write row versions) as JSONEachRow in the request
   * body: no size limit, unlike values bound as query parameters, which travel in the URL over HTTP.
   * Dates are written as this server's DateTime text, booleans as its Bool, bigints as text; other
   * values as they are (a `Date` column takes 'YYYY-MM-DD' text from the caller).
   * @example await store.insertRows('frontier_data', [{ job_id: 1, url, state: 'done', updated_at: new Date() }]);
   */
  async insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const value = (v: unknown): unknown => (v instanceof Date ? this.format.time(v) : typeof v === 'boolean' ? this.format.flag(v) : typeof v === 'bigint' ? v.toString() : v);
    const values = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(v)])));
    try {
      await this.client.insert({ table, values, format: 'JSONEachRow', clickhouse_settings: this.settings });
    } catch (err) {
      throw storeError(err, `insert into ${table}`);
    }
  }

  /** Runs `fn`; ClickHouse has no rollback, so a failure leaves what was written (see the class note). */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore() === true) throw new CriticalError('INTERNAL', 'Store transactions do not nest');
    return this.inTransaction.run(true, fn);
  }

  async writeLinks(links: Iterable<LinkRecord>, options: { jobId?: number | null } = {}): Promise<WriteLinksResult> {
    try {
      return await writeClickHouseLinks(this.client, this.format, links, options.jobId ?? null);
    } catch (err) {
      throw storeError(err, 'write links');
    }
  }

  async writePages(pages: Iterable<PageRecord>): Promise<number> {
    try {
      return await writeClickHousePages(this.client, this.format, pages);
    } catch (err) {
      throw storeError(err, 'write pages');
    }
  }

  async *streamHostEdges(): AsyncIterable<HostEdge> {
    const result = await this.client.query({ query: HOST_EDGES_CLICKHOUSE_SQL, format: 'JSONCompactEachRow', clickhouse_settings: this.settings });
    for await (const rows of result.stream<[string, string, string]>()) {
      for (const row of rows) {
        const [src, dst, links] = row.json();
        yield { src, dst, links: Number(links) };
      }
    }
  }

  async schemaVersion(): Promise<number> {
    return Number(await scalarText(this.client, 'SELECT toString(max(version)) AS v FROM vouch_schema'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  /** A time as this server's DateTime text, for the rare statement written by hand (tests, maintenance). */
  timeText(date: Date): string {
    return this.legacy ? clickHouseTime(date).slice(0, 19) : clickHouseTime(date);
  }
}

/** Followed, live links between two hosts, one row per host pair (the edges rank counts). */
const HOST_EDGES_CLICKHOUSE_SQL = `SELECT src_host, dst_host, count() AS links FROM links
  WHERE kind = 'a' AND NOT nofollow AND NOT ugc AND NOT sponsored AND NOT meta_nofollow AND lost_at IS NULL AND src_host <> dst_host
  GROUP BY src_host, dst_host`;

async function scalarText(client: ClickHouseClient, query: string): Promise<string> {
  const result = await client.query({ query, format: 'JSONEachRow' });
  const rows = (await result.json()) as { v: string | null }[];
  return String(rows[0]?.v ?? '0');
}

/** Server-side errors are the caller's SQL or data (STORE_FAILED); a refused or dropped connection is worth a retry; the rest aborts. */
function storeError(err: unknown, doing: string): VouchError {
  if (err instanceof VouchError) return err;
  // chdb raises its own copy of ClickHouseError (and Chdb*Error): tell them by name, not class.
  const name = (err as Error | undefined)?.name ?? '';
  if (err instanceof ClickHouseError || name === 'ClickHouseError' || name.startsWith('Chdb')) {
    return new VouchError('STORE_FAILED', `ClickHouse could not ${doing}: ${(err as Error).message}`, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code)) {
    return new RetryableError('NETWORK', `Cannot reach ClickHouse to ${doing} (${code})`, { cause: err });
  }
  return new CriticalError('STORE_FAILED', `The ClickHouse store could not ${doing}: ${(err as Error).message}`, { cause: err });
}
