/**
 * The Redis crawl frontier against the DuckDB frontier, in the same run.
 *
 * 1. Frontier operations at 5,000 hosts (10 URLs each, 50,000 URLs) against a local redis-server:
 *    push (dedupe + enqueue, batches of 500), pop (claim: lease + politeness reservation, up to
 *    256 a call over 8 shards) and complete (release + append the result), in URLs per second.
 *    Peer: DuckDbFrontier.addDiscovered / claim / settle on the same URLs, same batch sizes.
 * 2. Crawl throughput on the demo web, politeness off (delay 0), with 1, 2 and 3 worker processes
 *    (`vouch worker crawl`) and the owner (`vouch crawl --frontier ... --no-fetch`) storing into
 *    DuckDB. Peer: one `crawl()` process. The Crawl-delay host is left out (see crawl-throughput).
 *    NOTE: on a 2-core machine the owner, the workers, the demo server and Redis share two
 *    cores, so more workers cannot add throughput there; the figure shows the cost of the
 *    distribution, and scaling needs machines.
 *
 * Settings (environment): VOUCH_BENCH_FRONTIER_HOSTS (5000), VOUCH_BENCH_FRONTIER_PAGES (demo
 * size, 2000), VOUCH_BENCH_FRONTIER_WORKERS (max workers, 3).
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { connectFrontier, RedisFrontier } from '../src/crawl/distributed/index.js';
import type { LeasedUrl } from '../src/crawl/distributed/index.js';
import { DuckDbFrontier, openJob } from '../src/crawl/frontier/index.js';
import type { FrontierEntry } from '../src/crawl/frontier/index.js';
import { openStore } from '../src/store/index.js';
import { redisServerBinary, startRedisServer } from '../test/helpers/redis-server.js';
import type { BenchResult } from './types.js';

const HOSTS = Number(process.env.VOUCH_BENCH_FRONTIER_HOSTS ?? 5000);
const PER_HOST_URLS = 10;
const PAGES = Number(process.env.VOUCH_BENCH_FRONTIER_PAGES ?? 2000);
const MAX_WORKERS = Number(process.env.VOUCH_BENCH_FRONTIER_WORKERS ?? 3);
const BATCH = 500;
const CLAIM = 256;
const dir = import.meta.dirname;
const BIN = path.join(dir, '../bin/vouch.js');

function urls(): { url: string; host: string; depth: number }[] {
  const out: { url: string; host: string; depth: number }[] = [];
  for (let h = 0; h < HOSTS; h++) for (let i = 0; i < PER_HOST_URLS; i++) out.push({ url: `http://host${h}.test/page/${i}`, host: `host${h}.test`, depth: i });
  return out;
}

async function timed(fn: () => Promise<number>): Promise<{ n: number; perSecond: number }> {
  const started = performance.now();
  const n = await fn();
  return { n, perSecond: (n * 1000) / (performance.now() - started) };
}

async function redisOps(redisUrl: string): Promise<{ push: number; pop: number; complete: number }> {
  const all = urls();
  const client = await connectFrontier(redisUrl);
  try {
    const f = await RedisFrontier.create(client, {
      jobKey: 'crawl:bench', shards: 8, perHost: PER_HOST_URLS, delayMs: 0, slackMs: 0, leaseMs: 600_000, waitReplicas: 0, waitTimeoutMs: 1000,
      userAgent: 'bench', maxBytes: 1 << 20, timeoutMs: 5000, maxAttempts: 3, retryBaseDelayMs: 100,
    });
    const push = await timed(async () => {
      let added = 0;
      for (let i = 0; i < all.length; i += BATCH) added += await f.push(all.slice(i, i + BATCH));
      return added;
    });
    const leased: LeasedUrl[] = [];
    const pop = await timed(async () => {
      for (;;) {
        const { leases } = await f.claim(CLAIM);
        if (leases.length === 0) return leased.length;
        for (const l of leases) leased.push(l);
      }
    });
    const complete = await timed(async () => {
      for (let i = 0; i < leased.length; i += BATCH) await Promise.all(leased.slice(i, i + BATCH).map((l) => f.complete(l, 'done', '{}')));
      return leased.length;
    });
    if (push.n !== all.length || pop.n !== all.length) throw new Error(`redis frontier: pushed ${push.n}, popped ${pop.n} of ${all.length}`);
    await f.drop();
    return { push: push.perSecond, pop: pop.perSecond, complete: complete.perSecond };
  } finally {
    client.disconnect();
  }
}

async function duckOps(): Promise<{ push: number; pop: number; complete: number }> {
  const all = urls();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-frontier-'));
  const store = await openStore({ dataDir });
  try {
    const { job } = await openJob(store, { kind: 'crawl', jobKey: 'bench', params: {} });
    const f = await DuckDbFrontier.open(store, job.id);
    const push = await timed(async () => {
      let added = 0;
      for (let i = 0; i < all.length; i += BATCH) added += await store.transaction(() => f.addDiscovered(all.slice(i, i + BATCH)));
      return added;
    });
    const claimed: FrontierEntry[] = [];
    const pop = await timed(async () => {
      for (;;) {
        const got = await f.claim({ limit: CLAIM, perHost: PER_HOST_URLS });
        if (got.length === 0) return claimed.length;
        for (const e of got) claimed.push(e);
      }
    });
    const complete = await timed(async () => {
      for (let i = 0; i < claimed.length; i += BATCH) {
        await store.transaction(() => f.settle(claimed.slice(i, i + BATCH).map((e) => ({ url: e.url, state: 'done', attempts: 1, lastError: null, nextFetchAt: null }))));
      }
      return claimed.length;
    });
    if (push.n !== all.length || pop.n !== all.length) throw new Error(`duckdb frontier: pushed ${push.n}, popped ${pop.n} of ${all.length}`);
    return { push: push.perSecond, pop: pop.perSecond, complete: complete.perSecond };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface CrawlFigure {
  pages: number;
  seconds: number;
  pagesPerSecond: number;
}

function runJson(args: string[], timeoutMs = 15 * 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${args.slice(0, 3).join(' ')} failed: ${err.message}\n${stderr.slice(-2000)}`));
      resolve(stdout);
    });
  });
}

async function distributedCrawl(info: { seeds: string[]; resolveArgs: string[]; exclude: string[] }, workers: number, redisUrl: string): Promise<CrawlFigure> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-dist-'));
  const resolve = info.resolveArgs.flatMap((r) => ['--resolve', r]);
  const children: ChildProcess[] = [];
  try {
    // Workers first: they wait for the job, so the owner's clock does not count their start-up.
    for (let i = 0; i < workers; i++) children.push(spawn(process.execPath, [BIN, '-q', 'worker', 'crawl', '--frontier', redisUrl, '--once', '--concurrency', '64', '--allow-private', ...resolve], { stdio: 'ignore' }));
    await new Promise((r) => setTimeout(r, 3000));
    const out = await runJson([BIN, '--json', '--data', dataDir, 'crawl', ...info.seeds, '--frontier', redisUrl, '--no-fetch', '--fresh', '--delay', '0', '--per-host', '16', '--concurrency', '64', '--allow-private', ...resolve, ...info.exclude.flatMap((e) => ['--exclude', e])]);
    const result = JSON.parse(out) as { pagesThisRun: number; elapsedMs: number };
    return { pages: result.pagesThisRun, seconds: result.elapsedMs / 1000, pagesPerSecond: (result.pagesThisRun * 1000) / result.elapsedMs };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  if (redisServerBinary() === null) {
    console.log('redis-server is not installed: frontier benchmark skipped');
    return [];
  }
  const redis = await startRedisServer(process.env.VOUCH_BENCH_REDIS_LOG ? { extraArgs: ["--logfile", process.env.VOUCH_BENCH_REDIS_LOG, "--loglevel", "notice"] } : {});
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(dir, 'crawl-demo-server-child.ts'), String(PAGES), String(Math.max(20, Math.min(1000, Math.round(PAGES / 50))))], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const results: BenchResult[] = [];
    const ours = await redisOps(redis.url);
    const peer = await duckOps();
    const note = `${HOSTS} hosts × ${PER_HOST_URLS} URLs, local redis-server, 8 shards; peer DuckDbFrontier, same batches`;
    results.push({ name: `frontier push at ${HOSTS} hosts vs DuckDB`, ours: ours.push, peer: peer.push, unit: 'URLs/s', higherIsBetter: true, note: `batches of ${BATCH}; ${note}` });
    results.push({ name: `frontier pop (claim) at ${HOSTS} hosts vs DuckDB`, ours: ours.pop, peer: peer.pop, unit: 'URLs/s', higherIsBetter: true, note: `up to ${CLAIM} a call, leases + politeness reservations; ${note}` });
    results.push({ name: `frontier complete at ${HOSTS} hosts vs DuckDB settle`, ours: ours.complete, peer: peer.complete, unit: 'URLs/s', higherIsBetter: true, note: `one atomic script a URL, ${BATCH} in flight; peer settles batches of ${BATCH}` });

    const line = await new Promise<string>((resolve, reject) => {
      server.once('error', reject);
      server.once('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
      createInterface({ input: server.stdout! }).once('line', resolve);
    });
    const info = JSON.parse(line) as { seeds: string[]; resolveArgs: string[]; crawlDelayHosts: string[] };
    const seeds = info.seeds.filter((s) => !info.crawlDelayHosts.includes(new URL(s).hostname));
    const exclude = info.crawlDelayHosts.map((h) => `http://${h}/*`);
    const singleDir = mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-single-'));
    let single: CrawlFigure;
    try {
      const out = await runJson(['--import', 'tsx', path.join(dir, 'crawl-ours-child.ts'), JSON.stringify({ seeds, resolve: info.resolveArgs, dataDir: singleDir, concurrency: 64, perHost: 16, exclude, storeMemoryLimit: null })]);
      single = JSON.parse(out.trim().split('\n').pop()!) as CrawlFigure;
    } finally {
      rmSync(singleDir, { recursive: true, force: true });
    }
    for (let w = 1; w <= MAX_WORKERS; w++) {
      const d = await distributedCrawl({ seeds, resolveArgs: info.resolveArgs, exclude }, w, redis.url);
      results.push({
        name: `crawl demo ${PAGES} with ${w} worker${w > 1 ? 's' : ''} vs one process`,
        ours: d.pagesPerSecond,
        peer: single.pagesPerSecond,
        unit: 'pages/s',
        higherIsBetter: true,
        note: `${d.pages} pages in ${d.seconds.toFixed(1)} s through Redis (owner stores, ${w} worker process${w > 1 ? 'es' : ''} fetch); one process: ${single.pages} pages in ${single.seconds.toFixed(1)} s; delay 0, per host 16; ${os.cpus().length} cores shared by all processes`,
      });
    }
    return results;
  } finally {
    server.stdin?.end();
    server.kill();
    await redis.stop();
  }
}
