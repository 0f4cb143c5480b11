import type { LinkRecord, PageRecord } from '../core/types.js';
import type { SqlParams } from './internal/values.js';

export type { SqlParam, SqlParams } from './internal/values.js';

/** What one bulk write changed. */
export interface WriteLinksResult {
  /** Links stored for the first time (a `new` event was written for each). */
  inserted: number;
  /** Links already stored whose last_seen (and attributes, from a newer observation) were updated. */
  updated: number;
  /** Previously lost links seen again (a `recovered` event was written for each). */
  recovered: number;
}

/**
 * The SQL an adapter speaks. Code that sends SQL of its own through `all/one/run` picks its text by
 * dialect, or requires DuckDB with `requireDuckDb` (require-duckdb.ts) until it has ClickHouse SQL.
 */
export type StoreDialect = 'duckdb' | 'clickhouse';

/** One edge of the host graph: followed, live links from one host to another. */
export interface HostEdge {
  src: string;
  dst: string;
  /** How many such links. */
  links: number;
}

/**
 * The store port. The DuckDB adapter is the embedded default; the ClickHouse adapter
 * (clickhouse/clickhouse-store.ts) is for clusters. Both keep this contract, which the contract
 * suite in test/store/contract checks against each.
 * Every method is safe to call again with the same input: writes are upserts keyed by page URL and by
 * (src_url, dst_url, kind, anchor) for links, so a resumed job never duplicates data.
 *
 * Tables every adapter holds, with the same names and columns: links, link_events, pages, hosts,
 * domains, targets (the DuckDB file holds more: jobs, frontier, audit, monitor and prospect tables).
 */
export interface Store {
  /** Which SQL `all/one/run` take. */
  readonly dialect: StoreDialect;
  /** Absolute path of the database file, or the address of the ClickHouse database. */
  readonly databasePath: string;
  /**
   * Rows as plain JS objects (TIMESTAMP → Date, BIGINT → bigint, LIST → array). Parameters only, never
   * interpolation: `$1`… with an array, `$name` with an object, on every adapter.
   */
  all<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The first row, or undefined. */
  one<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /** Run a statement for its effect. */
  run(sql: string, params?: SqlParams): Promise<void>;
  /**
   * Run `fn` in a transaction; it rolls back if `fn` throws. Transactions do not nest.
   * ClickHouse has no rollback: there `fn` just runs, and idempotent writes make a retry safe.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Upsert links. first_seen keeps the earliest observation and last_seen the latest; attributes
   * (rel flags, position, …) follow the newest observation from the same source, so an import never
   * overwrites what a crawl saw. Writes `new` and `recovered` events to link_events.
   * On ClickHouse, two writers racing on the same new link may both count it inserted (and write two
   * `new` events); the stored link is still one row.
   */
  writeLinks(links: Iterable<LinkRecord>, options?: { jobId?: number | null }): Promise<WriteLinksResult>;
  /** Upsert pages by URL, keeping the rank columns that `rank` wrote. Returns the number of rows written. */
  writePages(pages: Iterable<PageRecord>): Promise<number>;
  /**
   * The host graph's edges, streamed (a row at a time, whatever the store's size): followed (`a`, no
   * nofollow/ugc/sponsored/meta nofollow), live links between two different hosts, counted per pair.
   */
  streamHostEdges(): AsyncIterable<HostEdge>;
  /** The schema version the store is at (each adapter numbers its own). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
