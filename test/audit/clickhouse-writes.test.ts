/** The JSON batches the audit's ClickHouse writes send as one parameter each (internal/clickhouse-writes.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonBatches } from '../../src/audit/internal/clickhouse-writes.js';

describe('jsonBatches', () => {
  const rows = Array.from({ length: 50 }, (_, i) => ({ domain: `d${i}.test`, markers: 'x'.repeat(i % 7 === 0 ? 300 : 10) }));

  it('keeps every row, in order, in arrays of at most the limit', () => {
    const batches = jsonBatches(rows, 400);
    assert.ok(batches.length > 5);
    for (const b of batches) assert.ok(b.length <= 400 || (JSON.parse(b) as unknown[]).length === 1, `${b.length} characters`);
    assert.deepEqual(batches.flatMap((b) => JSON.parse(b) as unknown[]), rows);
  });

  it('sends a row bigger than the limit alone, and nothing for no rows', () => {
    const big = { domain: 'big.test', markers: 'y'.repeat(1000) };
    assert.deepEqual(jsonBatches([rows[1]!, big, rows[2]!], 400).map((b) => (JSON.parse(b) as { domain: string }[]).map((r) => r.domain)), [['d1.test'], ['big.test'], ['d2.test']]);
    assert.deepEqual(jsonBatches([]), []);
    assert.equal(jsonBatches(rows).length, 1);
  });
});
