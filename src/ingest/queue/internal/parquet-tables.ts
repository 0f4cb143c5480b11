/**
 * The columns of the Parquet dataset: the same names and types as the store's `links` and `pages`
 * columns (snake_case), so that DuckDB, ClickHouse and the loader read them without a mapping. The
 * hive partition columns (`crawl`, `bucket`) are not in the files; readers get them from the paths.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { DuckDBTimestampValue } from '@duckdb/node-api';
import type { LinkRecord, PageRecord } from '../../../core/types.js';
import { PAGE_ROW_COLUMNS } from '../../../store/index.js';

// NOTE: column order is the Appender's order; keep in step with appendLink(). Pages use the store's
// own row layout (src/store/page-row.ts).
export const LINK_COLUMNS = [
  ['src_url', 'VARCHAR'], ['dst_url', 'VARCHAR'], ['src_host', 'VARCHAR'], ['src_domain', 'VARCHAR'], ['dst_host', 'VARCHAR'],
  ['dst_domain', 'VARCHAR'], ['kind', 'VARCHAR'], ['anchor', 'VARCHAR'], ['nofollow', 'BOOLEAN'], ['ugc', 'BOOLEAN'],
  ['sponsored', 'BOOLEAN'], ['meta_nofollow', 'BOOLEAN'], ['hidden', 'BOOLEAN'], ['position', 'VARCHAR'], ['context', 'VARCHAR'],
  ['http_status', 'INTEGER'], ['first_seen', 'TIMESTAMP'], ['last_seen', 'TIMESTAMP'], ['source', 'VARCHAR'],
] as const;

/** The pages table's columns: the store's own page row layout. */
export const PAGE_COLUMNS = PAGE_ROW_COLUMNS;

/** `CREATE TABLE` column list. */
export function columnsSql(columns: ReadonlyArray<readonly [string, string]>): string {
  return columns.map(([name, type]) => `${name} ${type}`).join(', ');
}

function timestamp(date: Date): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
}

export function appendLink(a: DuckDBAppender, l: LinkRecord): void {
  a.appendVarchar(l.srcUrl);
  a.appendVarchar(l.dstUrl);
  a.appendVarchar(l.srcHost);
  a.appendVarchar(l.srcDomain);
  a.appendVarchar(l.dstHost);
  a.appendVarchar(l.dstDomain);
  a.appendVarchar(l.kind);
  a.appendVarchar(l.anchor);
  a.appendBoolean(l.nofollow);
  a.appendBoolean(l.ugc);
  a.appendBoolean(l.sponsored);
  a.appendBoolean(l.metaNofollow);
  a.appendBoolean(l.hidden);
  a.appendVarchar(l.position);
  a.appendVarchar(l.context);
  if (l.httpStatus === null) a.appendNull();
  else a.appendInteger(l.httpStatus);
  a.appendTimestamp(timestamp(l.firstSeen));
  a.appendTimestamp(timestamp(l.lastSeen));
  a.appendVarchar(l.source);
  a.endRow();
}

/** A Parquet row back into a PageRecord; optional footprints stay absent when NULL, as the extractor leaves them. */
export function pageFromRow(r: Record<string, unknown>): PageRecord {
  const page: PageRecord = {
    url: r.url as string,
    host: r.host as string,
    domain: r.domain as string,
    ip: (r.ip as string | null) ?? null,
    fetchedAt: r.fetched_at as Date,
    status: r.status as number,
    contentType: (r.content_type as string | null) ?? null,
    bytes: Number(r.bytes),
    title: (r.title as string | null) ?? null,
    lang: (r.lang as string | null) ?? null,
    canonical: (r.canonical as string | null) ?? null,
    noindex: r.noindex as boolean,
    nofollow: r.nofollow as boolean,
    xRobots: (r.x_robots as string | null) ?? null,
    outlinks: r.outlinks as number,
    contentHash: (r.content_hash as string | null) ?? null,
    source: r.source as PageRecord['source'],
    error: (r.error as string | null) ?? null,
    depth: (r.depth as number | null) ?? null,
  };
  if (r.text !== null && r.text !== undefined) page.text = r.text as string;
  if (r.word_count !== null && r.word_count !== undefined) page.wordCount = r.word_count as number;
  if (Array.isArray(r.tracking_ids)) page.trackingIds = r.tracking_ids as string[];
  if (r.template_hash !== null && r.template_hash !== undefined) page.templateHash = r.template_hash as string;
  if (Array.isArray(r.mailtos)) page.mailtos = r.mailtos as string[];
  return page;
}
