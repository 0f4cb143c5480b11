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
 * The store port. The DuckDB adapter is the embedded default; a scale-out adapter must keep this contract.
 * Every method is safe to call again with the same input: writes are upserts keyed by page URL and by
 * (src_url, dst_url, kind, anchor) for links, so a resumed job never duplicates data.
 */
export interface Store {
  /** Absolute path of the database file. */
  readonly databasePath: string;
  /** Rows as plain JS objects (TIMESTAMP → Date, BIGINT → bigint, LIST → array). Parameters only, never interpolation. */
  all<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The first row, or undefined. */
  one<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /** Run a statement for its effect. */
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Run `fn` in a transaction; it rolls back if `fn` throws. Transactions do not nest. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Upsert links. first_seen keeps the earliest observation and last_seen the latest; attributes
   * (rel flags, position, …) follow the newest observation from the same source, so an import never
   * overwrites what a crawl saw. Writes `new` and `recovered` events to link_events.
   */
  writeLinks(links: Iterable<LinkRecord>, options?: { jobId?: number | null }): Promise<WriteLinksResult>;
  /** Upsert pages by URL, keeping the rank columns that `rank` wrote. Returns the number of rows written. */
  writePages(pages: Iterable<PageRecord>): Promise<number>;
  /** The schema version the file is at. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
