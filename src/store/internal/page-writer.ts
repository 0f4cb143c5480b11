import type { DuckDBConnection } from '@duckdb/node-api';
import type { PageRecord } from '../../core/types.js';
import { appendPageRow, PAGE_ROW_COLUMNS } from '../page-row.js';

const STAGE = '_stage_pages';
const COLUMNS = PAGE_ROW_COLUMNS;

/** Bulk upsert of pages by URL; the newest fetch wins (see `merge`) and the rank columns are left alone. */
export async function writePageBatch(connection: DuckDBConnection, pages: Iterable<PageRecord>): Promise<number> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  const a = await connection.createAppender(STAGE, 'main', 'temp');
  let staged = 0;
  try {
    for (const p of pages) {
      appendPageRow(a, p);
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
