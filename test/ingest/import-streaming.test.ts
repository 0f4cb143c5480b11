/**
 * A large export streams: batches are written while the file is still being read, each at most
 * batchRows links. (The 1M-row run with its memory figures is bench/ingest-import.bench.ts.)
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { importFile } from '../../src/ingest/index.js';
import type { ImportProgress } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeLargeExport } from './fixtures/large-export.js';

const ROWS = 60_000;
const temp = makeTempDir('vouch-import-stream-');

describe('import: streaming', () => {
  after(() => temp.cleanup());

  it(`imports ${ROWS} rows in batches written while the file is still being read`, async () => {
    const file = path.join(temp.dir, 'big.csv');
    await writeLargeExport(file, ROWS);
    const size = statSync(file).size;
    const store = await openStore({ databasePath: path.join(temp.dir, 'v.duckdb') });
    const seen: ImportProgress[] = [];
    const summary = await importFile(store, file, { batchRows: 10_000, onProgress: (p) => seen.push({ ...p }) });
    const count = await store.one<{ n: bigint; multiline: bigint }>(`SELECT count(*) AS n, count(*) FILTER (WHERE anchor LIKE 'multi line "%"') AS multiline FROM links`);
    await store.close();
    assert.deepEqual([summary.rows, summary.imported, summary.failed], [ROWS, ROWS, 0]);
    assert.equal(Number(count?.n), ROWS);
    assert.equal(Number(count?.multiline), ROWS / 1000);
    assert.equal(summary.batches, Math.ceil(ROWS / 10_000));
    // The first batch went to the store when less than a third of the file had been read.
    assert.ok(seen[0]!.bytesRead < size / 3, `first batch after ${seen[0]!.bytesRead} of ${size} bytes`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.rows - seen[i - 1]!.rows <= 10_000 + 1);
  });
});
