import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBTimestampValue } from '@duckdb/node-api';
import type { PageRecord } from '../../core/types.js';

const STAGE = '_stage_pages';
// NOTE: column order is the Appender's order; keep in step with the loop below.
const COLUMNS = [
  ['url', 'VARCHAR'], ['host', 'VARCHAR'], ['domain', 'VARCHAR'], ['ip', 'VARCHAR'], ['fetched_at', 'TIMESTAMP'],
  ['status', 'INTEGER'], ['content_type', 'VARCHAR'], ['bytes', 'BIGINT'], ['title', 'VARCHAR'], ['lang', 'VARCHAR'],
  ['canonical', 'VARCHAR'], ['noindex', 'BOOLEAN'], ['nofollow', 'BOOLEAN'], ['x_robots', 'VARCHAR'], ['outlinks', 'INTEGER'],
  ['content_hash', 'VARCHAR'], ['source', 'VARCHAR'], ['error', 'VARCHAR'], ['depth', 'INTEGER'],
] as const;

/** Bulk upsert of pages by URL; the newest fetch wins and the rank columns are left alone. */
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
      a.endRow();
      staged++;
    }
  } finally {
    a.closeSync();
  }
  if (staged === 0) return 0;
  const names = COLUMNS.map(([n]) => n);
  const updates = names.filter((n) => n !== 'url').map((n) => `${n} = EXCLUDED.${n}`).join(', ');
  await connection.run(`INSERT INTO pages (${names.join(', ')})
    SELECT ${names.join(', ')} FROM (
      SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) AS rn FROM ${STAGE}
    ) WHERE rn = 1
    ON CONFLICT (url) DO UPDATE SET ${updates}`);
  return staged;
}
