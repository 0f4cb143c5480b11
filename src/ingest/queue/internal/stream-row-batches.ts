import { JSDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Run `sql` as a streaming query and hand its rows to `take` in batches of about `batchRows`, as
 * plain objects (TIMESTAMP → Date). Only one batch is in memory at a time.
 */
export async function streamRowBatches(
  connection: DuckDBConnection,
  sql: string,
  batchRows: number,
  take: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  const result = await connection.stream(sql);
  const names = result.deduplicatedColumnNames();
  let batch: Record<string, unknown>[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    for (const values of chunk.convertRows(JSDuckDBValueConverter)) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]!] = values[c];
      batch.push(row);
    }
    if (batch.length >= batchRows) {
      await take(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await take(batch);
}
