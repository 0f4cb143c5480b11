import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBTimestampValue, LIST, VARCHAR } from '@duckdb/node-api';
import type { PageRecord } from '../../core/types.js';

const STAGE = '_stage_pages';
// NOTE: column order is the Appender's order; keep in step with the loop below.
const COLUMNS = [
  ['url', 'VARCHAR'], ['host', 'VARCHAR'], ['domain', 'VARCHAR'], ['ip', 'VARCHAR'], ['fetched_at', 'TIMESTAMP'],
  ['status', 'INTEGER'], ['content_type', 'VARCHAR'], ['bytes', 'BIGINT'], ['title', 'VARCHAR'], ['lang', 'VARCHAR'],
  ['canonical', 'VARCHAR'], ['noindex', 'BOOLEAN'], ['nofollow', 'BOOLEAN'], ['x_robots', 'VARCHAR'], ['outlinks', 'INTEGER'],
  ['content_hash', 'VARCHAR'], ['source', 'VARCHAR'], ['error', 'VARCHAR'], ['depth', 'INTEGER'],
  // Page footprints (migration 004); NULL when the record does not carry them.
  ['text', 'VARCHAR'], ['word_count', 'INTEGER'], ['tracking_ids', 'VARCHAR[]'], ['template_hash', 'VARCHAR'], ['mailtos', 'VARCHAR[]'],
] as const;
const VARCHAR_LIST = LIST(VARCHAR);

/** Bulk upsert of pages by URL; the newest fetch wins (see `merge`) and the rank columns are left alone. */
export async function writePageBatch(connection: DuckDBConnection, pages: Iterable<PageRecord>): Promise<number> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  const a = await connection.createAppender(STAGE, 'main', 'temp');
  const text = (v: string | null): void => (v === null ? a.appendNull() : a.appendVarchar(v));
  let staged = 0;
  try {
    for (const p of pages) {
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
      if (p.depth === null) a.appendNull();
      else a.appendInteger(p.depth);
      text(p.text ?? null);
      if (p.wordCount === undefined) a.appendNull();
      else a.appendInteger(p.wordCount);
      if (p.trackingIds === undefined) a.appendNull();
      else a.appendList(p.trackingIds, VARCHAR_LIST);
      text(p.templateHash ?? null);
      if (p.mailtos === undefined) a.appendNull();
      else a.appendList(p.mailtos, VARCHAR_LIST);
      a.endRow();
      staged++;
    }
  } finally {
    a.closeSync();
  }
  if (staged === 0) return 0;
  const names = COLUMNS.map(([n]) => n);
  // A newer fetch replaces the row; an older one (an archive ingested after a crawl) only fills
  // gaps; another record of the same capture (the WAT beside its WARC) fills in what it knows
  // without erasing what the first one knew.
  const merge = (n: string): string =>
    `${n} = CASE WHEN EXCLUDED.fetched_at > pages.fetched_at THEN EXCLUDED.${n} ` +
    `WHEN EXCLUDED.fetched_at < pages.fetched_at THEN coalesce(pages.${n}, EXCLUDED.${n}) ELSE coalesce(EXCLUDED.${n}, pages.${n}) END`;
  const updates = names.filter((n) => n !== 'url').map(merge).join(', ');
  await connection.run(`INSERT INTO pages (${names.join(', ')})
    SELECT ${names.join(', ')} FROM (
      SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) AS rn FROM ${STAGE}
    ) WHERE rn = 1
    ON CONFLICT (url) DO UPDATE SET ${updates}`);
  return staged;
}
