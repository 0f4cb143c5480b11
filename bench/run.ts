// `npm run bench [-- filter]`: runs every bench/*.bench.ts and prints ours beside the peer as a ratio.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

const filter = process.argv[2];
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

if (files.length === 0) {
  console.log(filter ? `No benchmark matches "${filter}".` : 'No benchmarks found.');
  process.exit(filter ? 2 : 0);
}

const all: Array<BenchResult & { file: string }> = [];
for (const file of files) {
  console.log(`\n== ${file}`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<BenchResult[]> };
  const results = await mod.run();
  for (const r of results) {
    all.push({ ...r, file });
    console.log(line(r));
  }
}

console.log('\n== summary (ratio > 1 means Vouch is better)');
for (const r of all) console.log(line(r));

function line(r: BenchResult): string {
  const ratio = r.higherIsBetter ? r.ours / r.peer : r.peer / r.ours;
  const fmt = (n: number): string => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3)) : String(n));
  return `${r.name.padEnd(52)} ours ${fmt(r.ours).padStart(9)} ${r.unit.padEnd(8)} peer ${fmt(r.peer).padStart(9)}  ratio ${Number.isFinite(ratio) ? ratio.toFixed(2) + 'x' : 'n/a'}${r.note ? `  (${r.note})` : ''}`;
}
