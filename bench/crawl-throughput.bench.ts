/**
 * Crawl throughput and memory on the demo web, Vouch against Crawlee's CheerioCrawler, on the same
 * loopback server and pages, politeness off (delay 0, many requests per host).
 *
 * The demo server runs in its own process; each crawler runs in a fresh child process, so that
 * its peak RSS is its own. Vouch does all its work: robots.txt, fetch, extract every link with its
 * attributes, and commit pages, links, link events and frontier state to DuckDB. Crawlee does
 * comparable work: fetch, cheerio parse, collect every <a href> with text and rel, push one record
 * a page to an in-memory Dataset, enqueue same-host links (it follows nofollow and hidden links
 * too, and does not read robots.txt, so it fetches a few more pages).
 *
 * The one Crawl-delay host of the demo web (1 s a page) is left out of both crawls, so that the
 * figure is the crawler's rate rather than that host's.
 *
 * Settings (environment):
 * - VOUCH_BENCH_CRAWL_PAGES: demo size (default 3000; 50000 for the RSS target, about 62,000
 *   pages and 1.3 M links; Crawlee then takes about ten minutes);
 * - VOUCH_BENCH_CRAWL_PEER=0: skip Crawlee (its figures are then NaN);
 * - VOUCH_BENCH_CRAWL_CONCURRENCY (default 64) and VOUCH_BENCH_CRAWL_PER_HOST (default 16);
 * - VOUCH_BENCH_CRAWL_STORE_MEMORY: our crawl's --store-memory, e.g. 128MB (default: the crawl's
 *   default, auto), or off to leave DuckDB's own limit (80% of RAM), as before the crawl set one.
 * - VOUCH_BENCH_CRAWL_NODE_FLAGS: node flags for our crawl's process only, e.g. --max-old-space-size=160.
 * glibc settings (MALLOC_ARENA_MAX) reach every child through the environment.
 * Targets: ≥ 1,500 pages/s and peak RSS < 400 MB at 50,000 pages on a 2-core machine.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchResult } from './types.js';

interface ServerInfo {
  resolveArgs: string[];
  seeds: string[];
  crawlablePages: number;
  crawlDelayHosts: string[];
  links: number;
}

interface ChildResult {
  pages: number;
  links: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssBytes: number;
}

const PAGES = Number(process.env.VOUCH_BENCH_CRAWL_PAGES ?? 3000);
const CONCURRENCY = Number(process.env.VOUCH_BENCH_CRAWL_CONCURRENCY ?? 64);
const PER_HOST = Number(process.env.VOUCH_BENCH_CRAWL_PER_HOST ?? 16);
const STORE_MEMORY = process.env.VOUCH_BENCH_CRAWL_STORE_MEMORY ?? null;
const NODE_FLAGS = (process.env.VOUCH_BENCH_CRAWL_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
const dir = import.meta.dirname;

function runChild(script: string, config: unknown, nodeFlags: readonly string[] = []): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(dir, script), JSON.stringify(config)], { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${script} failed: ${err.message}\n${stderr.slice(-2000)}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

function crawleeAvailable(): boolean {
  if (process.env.VOUCH_BENCH_CRAWL_PEER === '0') return false;
  try {
    createRequire(import.meta.url).resolve('@crawlee/cheerio');
    return true;
  } catch {
    return false;
  }
}

export async function run(): Promise<BenchResult[]> {
  const sites = Math.max(60, Math.min(1000, Math.round(PAGES / 250)));
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(dir, 'crawl-demo-server-child.ts'), String(PAGES), String(sites)], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      server.once('error', reject);
      server.once('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
      createInterface({ input: server.stdout }).once('line', resolve);
    });
    const info = JSON.parse(line) as ServerInfo;
    const seeds = info.seeds.filter((s) => !info.crawlDelayHosts.some((h) => new URL(s).hostname === h));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-crawl-'));
    let ours: ChildResult;
    try {
      ours = await runChild('crawl-ours-child.ts', { seeds, resolve: info.resolveArgs, dataDir, concurrency: CONCURRENCY, perHost: PER_HOST, storeMemoryLimit: STORE_MEMORY, exclude: info.crawlDelayHosts.map((h) => `http://${h}/*`) }, NODE_FLAGS);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const hasPeer = crawleeAvailable();
    const peer = hasPeer
      ? await runChild('crawl-crawlee-child.ts', { seeds, resolve: info.resolveArgs, concurrency: CONCURRENCY, exclude: info.crawlDelayHosts.map((h) => `^http://${h.replace(/\./g, '\\.')}/`) })
      : { pages: NaN, links: NaN, seconds: NaN, pagesPerSecond: NaN, peakRssBytes: NaN };
    const peerNote = hasPeer
      ? `Crawlee CheerioCrawler ${peer.pages} pages in ${peer.seconds.toFixed(1)} s`
      : process.env.VOUCH_BENCH_CRAWL_PEER === '0'
        ? 'peer skipped (VOUCH_BENCH_CRAWL_PEER=0)'
        : '@crawlee/cheerio is not installed: peer skipped';
    const size = `demo web ${PAGES} (${info.crawlablePages} crawlable pages, ${info.links} links); concurrency ${CONCURRENCY}, per host ${PER_HOST}, delay 0${STORE_MEMORY === null ? '' : `, store memory ${STORE_MEMORY}`}${NODE_FLAGS.length > 0 ? `, ${NODE_FLAGS.join(' ')}` : ''}`;
    return [
      {
        name: `crawl demo web ${PAGES}: pages/s vs Crawlee`,
        ours: ours.pagesPerSecond,
        peer: peer.pagesPerSecond,
        unit: 'pages/s',
        higherIsBetter: true,
        note: `ours ${ours.pages} pages, ${ours.links} links stored, in ${ours.seconds.toFixed(1)} s; ${peerNote}; ${size}; target ≥1500 at 50000`,
      },
      {
        name: `crawl demo web ${PAGES}: peak RSS vs Crawlee`,
        ours: ours.peakRssBytes / 1024 / 1024,
        peer: peer.peakRssBytes / 1024 / 1024,
        unit: 'MB',
        higherIsBetter: false,
        note: 'target < 400 MB at 50000',
      },
    ];
  } finally {
    server.stdin.end();
    server.kill();
  }
}
