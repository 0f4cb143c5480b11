/**
 * Helpers for the audit's writes on ClickHouse, where rows travel as one JSON text parameter per
 * insert (read back with JSONExtract) and a rewrite is a new row version.
 */
import type { Store } from '../../store/index.js';

/**
 * Query parameters travel in the request's URL over HTTP, which servers cap (1 MiB by default), and
 * URL encoding can triple JSON: so at most this many characters of JSON per insert.
 */
const MAX_BATCH_CHARS = 100_000;

/** `rows` as JSON arrays of at most MAX_BATCH_CHARS characters each (a bigger single row alone). */
export function jsonBatches(rows: readonly object[], maxChars = MAX_BATCH_CHARS): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (batch.length > 0 && size + text.length + 1 > maxChars) {
      out.push(`[${batch.join(',')}]`);
      batch = [];
      size = 2;
    }
    batch.push(text);
    size += text.length + 1;
  }
  if (batch.length > 0) out.push(`[${batch.join(',')}]`);
  return out;
}

/**
 * A row version newer than every version the target has in `table` (`<table>_data`, with
 * `target_id` and `updated_at`): then "older than it" names exactly the rows written before, even
 * when the clock has not moved on since.
 */
export async function nextVersion(store: Store, table: 'audit_results' | 'disavow_entries', targetId: number): Promise<Date> {
  const row = await store.one<{ at: Date | null }>(`SELECT maxOrNull(updated_at) AS at FROM ${table}_data WHERE target_id = $1`, [targetId]);
  const now = Date.now();
  return new Date(row?.at ? Math.max(now, row.at.getTime() + 1) : now);
}
