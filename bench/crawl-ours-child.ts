/**
 * Child process of crawl-throughput.bench.ts: one Vouch crawl of the demo web into a fresh store,
 * in a clean process so that its peak RSS is its own. Prints one JSON line.
 *
 *   node --import tsx bench/crawl-ours-child.ts '<json: { seeds, resolve, dataDir, concurrency, perHost, exclude, storeMemoryLimit }>'
 */
import { crawl } from '../src/crawl/crawler/index.js';
import { openStore } from '../src/store/index.js';

interface Config {
  seeds: string[];
  resolve: string[];
  dataDir: string;
  concurrency: number;
  perHost: number;
  exclude: string[];
  storeMemoryLimit: string | null;
}

const config = JSON.parse(process.argv[2]!) as Config;
const store = await openStore({ dataDir: config.dataDir });
const started = performance.now();
const result = await crawl(store, {
  seeds: config.seeds,
  resolve: config.resolve,
  allowPrivate: true,
  delayMs: 0,
  perHost: config.perHost,
  concurrency: config.concurrency,
  exclude: config.exclude,
  // null: the crawl's default; 'off': the store's own limit (DuckDB's 80% of RAM).
  storeMemory: config.storeMemoryLimit === 'off' ? null : (config.storeMemoryLimit ?? undefined),
});
const seconds = (performance.now() - started) / 1000;
await store.close();
process.stdout.write(
  JSON.stringify({
    pages: result.pagesThisRun,
    links: result.summary.links,
    seconds,
    pagesPerSecond: result.pagesThisRun / seconds,
    // The kernel's high-water mark of the process, DuckDB's memory included.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + '\n',
);
