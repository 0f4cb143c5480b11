/**
 * `vouch import` of a 1M-row vendor export (a generated Majestic-shaped CSV with quoted multi-line
 * anchors), each run in its own process:
 * - rows/s end to end (decode, CSV parse, vendor mapping, URL canonicalisation, store writes in
 *   batches of 10,000 through writeLinks) against DuckDB's own bulk load of the same file
 *   (`CREATE TABLE … AS SELECT * FROM read_csv(…)`: native, parallel, no canonicalisation, no upsert);
 * - peak JS heap at 1M rows against 100k rows: streaming keeps it flat; and the process's peak RSS,
 *   which also holds DuckDB's buffer pool and the links table's unique index (they grow with the
 *   table, not with the input: DuckDB caps them at its memory_limit).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openStore } from '../src/store/index.js';
import { sqlStringLiteral } from '../src/ingest/export/export-table.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { writeLargeExport } from '../test/ingest/fixtures/large-export.js';
import type { BenchResult } from './types.js';

const ROWS = Number(process.env.VOUCH_BENCH_IMPORT_ROWS ?? 1_000_000);

interface ChildResult {
  rows: number;
  failed: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  maxHeapMb: number;
}

function importInChild(file: string, database: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ingest-import-child.ts'), file, database], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`import child exited ${code}`))));
  });
}

export async function run(): Promise<BenchResult[]> {
  const temp = makeTempDir('vouch-bench-import-');
  try {
    const big = path.join(temp.dir, 'big.csv');
    const small = path.join(temp.dir, 'small.csv');
    await writeLargeExport(big, ROWS);
    await writeLargeExport(small, Math.round(ROWS / 10));
    const ours = await importInChild(big, path.join(temp.dir, 'big.duckdb'));
    const tenth = await importInChild(small, path.join(temp.dir, 'small.duckdb'));
    const store = await openStore({ databasePath: path.join(temp.dir, 'native.duckdb') });
    const t0 = performance.now();
    await store.run(`CREATE TABLE native AS SELECT * FROM read_csv(${sqlStringLiteral(big)}, header = true)`);
    const nativeMs = performance.now() - t0;
    const loaded = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM native`))!.n);
    await store.close();
    if (ours.rows !== ROWS || loaded !== ROWS) throw new Error(`imported ${ours.rows} (failed ${ours.failed}), DuckDB loaded ${loaded}, of ${ROWS}`);
    return [
      {
        name: `import ${ROWS / 1e6}M-row CSV: rows/s vs DuckDB read_csv`,
        ours: ROWS / (ours.ms / 1000),
        peer: ROWS / (nativeMs / 1000),
        unit: 'rows/s',
        higherIsBetter: true,
        note: `ours ${(ours.ms / 1000).toFixed(1)} s wall, ${(ours.cpuMs / 1000).toFixed(1)} s CPU, upserts through writeLinks; DuckDB ${(nativeMs / 1000).toFixed(1)} s plain load`,
      },
      {
        name: `import: peak JS heap at ${ROWS / 1e6}M rows vs ${ROWS / 1e7}M rows`,
        ours: ours.maxHeapMb,
        peer: tenth.maxHeapMb,
        unit: 'MB',
        higherIsBetter: false,
        note: 'bounded memory: ten times the rows, about the same heap',
      },
      {
        name: `import: peak RSS at ${ROWS / 1e6}M rows vs ${ROWS / 1e7}M rows`,
        ours: ours.maxRssMb,
        peer: tenth.maxRssMb,
        unit: 'MB',
        higherIsBetter: false,
        note: 'whole process, DuckDB included',
      },
    ];
  } finally {
    temp.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
