/**
 * The column layout of a page row as the store's page writer stages it, shared with anything else
 * that writes page rows through a DuckDB Appender (the ingest workers' Parquet files), so that the
 * two stay one layout.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { DuckDBTimestampValue, LIST, VARCHAR } from '@duckdb/node-api';
import type { PageRecord } from '../core/types.js';

// NOTE: column order is the Appender's order; keep in step with appendPageRow().
export const PAGE_ROW_COLUMNS = [
  ['url', 'VARCHAR'], ['host', 'VARCHAR'], ['domain', 'VARCHAR'], ['ip', 'VARCHAR'], ['fetched_at', 'TIMESTAMP'],
  ['status', 'INTEGER'], ['content_type', 'VARCHAR'], ['bytes', 'BIGINT'], ['title', 'VARCHAR'], ['lang', 'VARCHAR'],
  ['canonical', 'VARCHAR'], ['noindex', 'BOOLEAN'], ['nofollow', 'BOOLEAN'], ['x_robots', 'VARCHAR'], ['outlinks', 'INTEGER'],
  ['content_hash', 'VARCHAR'], ['source', 'VARCHAR'], ['error', 'VARCHAR'], ['depth', 'INTEGER'],
  // Page footprints (migration 004); NULL when the record does not carry them.
  ['text', 'VARCHAR'], ['word_count', 'INTEGER'], ['tracking_ids', 'VARCHAR[]'], ['template_hash', 'VARCHAR'], ['mailtos', 'VARCHAR[]'],
] as const;

const VARCHAR_LIST = LIST(VARCHAR);

/** Append one page as a row of {@link PAGE_ROW_COLUMNS}. */
export function appendPageRow(a: DuckDBAppender, p: PageRecord): void {
  const text = (v: string | null | undefined): void => (v === null || v === undefined ? a.appendNull() : a.appendVarchar(v));
  const int = (v: number | null | undefined): void => (v === null || v === undefined ? a.appendNull() : a.appendInteger(v));
  const list = (v: string[] | undefined): void => (v === undefined ? a.appendNull() : a.appendList(v, VARCHAR_LIST));
  a.appendVarchar(p.url);
  a.appendVarchar(p.host);
  a.appendVarchar(p.domain);
  text(p.ip);
  a.appendTimestamp(new DuckDBTimestampValue(BigInt(p.fetchedAt.getTime()) * 1000n));
  a.appendInteger(p.status);
  text(p.contentType);
  a.appendBigInt(BigInt(p.bytes));
  text(p.title);
  text(p.lang);
  text(p.canonical);
  a.appendBoolean(p.noindex);
  a.appendBoolean(p.nofollow);
  text(p.xRobots);
  a.appendInteger(p.outlinks);
  text(p.contentHash);
  a.appendVarchar(p.source);
  text(p.error);
  int(p.depth);
  text(p.text);
  int(p.wordCount);
  list(p.trackingIds);
  text(p.templateHash);
  list(p.mailtos);
  a.endRow();
}
