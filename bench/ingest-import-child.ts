/**
 * One import in its own process, so that its peak memory (maxRSS) is its own:
 *   node --import tsx bench/ingest-import-child.ts <csv> <database>
 * Prints {"rows", "ms", "cpuMs", "maxRssMb", "maxHeapMb"} as JSON: maxRSS is the whole process (DuckDB's
 * buffers and indexes included), maxHeap the JS heap alone, sampled every 20 ms.
 */
import { importFile } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';

const [file, database] = process.argv.slice(2);
const store = await openStore({ databasePath: database! });
let maxHeap = 0;
const sampler = setInterval(() => (maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed)), 20);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const summary = await importFile(store, file!);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
await store.close();
process.stdout.write(JSON.stringify({ rows: summary.imported, failed: summary.failed, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, maxHeapMb: maxHeap / 2 ** 20 }) + '\n');
