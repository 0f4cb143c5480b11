/**
 * Acceptance: three `vouch worker crawl` processes crawl the demo web through a Redis frontier
 * behind Sentinel, with `vouch crawl --frontier ... --no-fetch` owning the store. One worker is
 * killed with -9 mid-crawl, the Redis master is killed (Sentinel promotes a replica), and the
 * store owner is killed with -9 and run again (it resumes the job and its pending results). A
 * recorder in front of the web proves no host ever saw two request starts closer than --delay
 * (or its Crawl-delay) nor more than --per-host requests at once; and the store ends up with
 * exactly the pages and links of a single-process crawl.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import { startDemoServer } from '../../../src/demo/index.js';
import type { DemoServer } from '../../../src/demo/index.js';
import { openStore } from '../../../src/store/index.js';
import type { DuckDbStore } from '../../../src/store/index.js';
import { redisServerBinary, startRedisSentinel, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServerHandle } from '../../helpers/redis-server.js';
import { startCli } from '../../helpers/run-cli.js';
import type { StartedCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startRecordingProxy } from './recording-proxy.js';
import type { RecordingProxy } from './recording-proxy.js';

const missing = redisServerBinary() === null ? 'redis-server not installed' : false;
const DELAY_MS = 150;
/**
 * How much two arrivals may be recorded closer together than the requests left the crawler: the
 * proxy stamps a request when its process gets to read it, and on two loaded cores that can lag by
 * a few milliseconds more for one request than for the next. The crawler keeps starts at least
 * delay + slack/2 apart (slack = delay/2 here), far above this.
 */
const ARRIVAL_JITTER_MS = 10;
const PER_HOST = 2;
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function pagesAndLinks(store: DuckDbStore): Promise<{ pages: string[]; links: string[]; linkRows: number }> {
  const pages = await store.all<{ k: string }>(`SELECT url || ' ' || status || ' ' || coalesce(error, '') AS k FROM pages ORDER BY k`);
  const links = await store.all<{ k: string }>(
    `SELECT concat_ws(' ', src_url, dst_url, kind, anchor, nofollow, ugc, sponsored, meta_nofollow) AS k FROM links ORDER BY k`,
  );
  const rows = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM links`);
  return { pages: pages.map((r) => r.k), links: links.map((r) => r.k), linkRows: rows?.n ?? 0 };
}

async function waitFor(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a distributed crawl', { skip: missing }, () => {
  it('three workers, one killed -9, the master failed over and the owner killed -9 and rerun: polite per host, and the same pages and links as one process', async () => {
    const temp = makeTempDir('vouch-dist-crawl-');
    cleanups.push(temp.cleanup);
    const web: DemoServer = await startDemoServer({ sites: 20, pages: 150 });
    cleanups.push(() => web.close());
    const proxy: RecordingProxy = await startRecordingProxy(web);
    cleanups.push(() => proxy.close());

    // The reference: one process, straight to the web (run beside the distributed crawl).
    const single = await openStore({ dataDir: `${temp.dir}/single` });
    cleanups.push(() => single.close());
    const reference = crawl(single, { seeds: web.truth.seeds, resolve: web.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 16 }).then(async (r) => {
      assert.equal(r.state, 'done');
      return pagesAndLinks(single);
    });

    // Redis: a master, two replicas, and a Sentinel that may fail the master over alone.
    const master: RedisServerHandle = await startRedisServer();
    cleanups.push(() => master.stop());
    const replicas: RedisServerHandle[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await startRedisServer({ extraArgs: ['--replicaof', '127.0.0.1', String(master.port)] });
      cleanups.push(() => r.stop());
      replicas.push(r);
    }
    await waitFor('replicas in sync', () => replicas.every((r) => r.cli('INFO', 'replication').includes('master_link_status:up')), 10_000);
    const sentinel = await startRedisSentinel({ masterPort: master.port, downAfterMs: 800 });
    cleanups.push(() => sentinel.stop());

    const frontier = sentinel.url;
    const resolve = ['--resolve', `*.test=127.0.0.1:${proxy.port}`, '--allow-private'];
    const ownerArgs = ['--data', `${temp.dir}/distributed`, 'crawl', ...web.truth.seeds, '--frontier', frontier, '--no-fetch', '--delay', String(DELAY_MS), '--per-host', String(PER_HOST), '--timeout', '2000', '--lease', '3000', ...resolve];
    const firstOwner: StartedCli = startCli(ownerArgs, { timeoutMs: 80_000 });
    const workers: StartedCli[] = Array.from({ length: 3 }, () =>
      startCli(['worker', 'crawl', '--frontier', frontier, '--once', '--concurrency', '8', ...resolve], { timeoutMs: 80_000 }),
    );
    const started: StartedCli[] = [firstOwner, ...workers];
    const events: string[] = [];
    cleanups.push(() => {
      for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    });

    // Requests in all: a little more than the pages (each worker reads robots.txt itself).
    const pages = web.truth.pages.filter((p) => p.crawlable).length;
    await waitFor('a quarter of the crawl', () => proxy.arrivals.length >= pages * 0.3, 60_000);
    workers[0]!.child.kill('SIGKILL');
    events.push(`worker killed at ${(performance.timeOrigin + performance.now()).toFixed(0)}`);
    await waitFor('half of the crawl', () => proxy.arrivals.length >= pages * 0.55, 60_000);
    await master.kill();
    events.push(`master killed at ${(performance.timeOrigin + performance.now()).toFixed(0)}`);
    // The store owner dies too, and the same command run again takes over its unacknowledged results.
    await waitFor('most of the crawl', () => proxy.arrivals.length >= pages * 0.75, 60_000);
    firstOwner.child.kill('SIGKILL');
    events.push(`owner killed at ${(performance.timeOrigin + performance.now()).toFixed(0)}`);
    assert.equal((await firstOwner.done).signal, 'SIGKILL');
    const owner = startCli(ownerArgs, { timeoutMs: 80_000 });
    started.push(owner);

    const ran = await owner.done;
    assert.equal(ran.code, 0, `owner: ${ran.stderr.slice(-2000)}`);
    assert.match(ran.stdout, /crawl job \d+ done/);
    const killed = await workers[0]!.done;
    assert.equal(killed.signal, 'SIGKILL');
    for (const w of workers.slice(1)) {
      const r = await w.done;
      assert.equal(r.code, 0, `worker: ${r.stderr.slice(-2000)}`);
    }
    const promoted = replicas.find((r) => r.cli('ROLE').startsWith('master'));
    assert.ok(promoted !== undefined, 'Sentinel promoted a replica');

    // The store holds what one process found: no page or link lost, none twice.
    const expected = await reference;
    const store = await openStore({ dataDir: `${temp.dir}/distributed` });
    const got = await pagesAndLinks(store);
    await store.close();
    assert.deepEqual(got.pages.filter((p) => !expected.pages.includes(p)), [], 'pages the single crawl lacks');
    assert.deepEqual(expected.pages.filter((p) => !got.pages.includes(p)), [], 'pages lost');
    assert.deepEqual(got.links, expected.links);
    assert.equal(got.linkRows, expected.linkRows);

    // Politeness as the web saw it, over all workers and through the failover.
    const hosts = [...new Set(proxy.arrivals.map((a) => a.host))];
    assert.ok(hosts.length >= 20, `${hosts.length} hosts`);
    const crawlDelayMs = new Map(web.web.sites.map((s) => [s.host, s.crawlDelayMs]));
    const broken: string[] = [];
    for (const host of hosts) {
      const arrivals = proxy.byHost(host);
      const at = (i: number): string => `${arrivals[i]!.path} at ${arrivals[i]!.atMs.toFixed(0)}`;
      const cd = crawlDelayMs.get(host) ?? 0;
      for (let i = 1; i < arrivals.length; i++) {
        const gap = arrivals[i]!.atMs - arrivals[i - 1]!.atMs;
        // The first request is robots.txt, read before its Crawl-delay is known.
        const least = i >= 2 ? Math.max(DELAY_MS, cd) : DELAY_MS;
        if (gap < least - ARRIVAL_JITTER_MS) broken.push(`${host}: ${gap.toFixed(1)} ms < ${least} ms between ${at(i - 1)} and ${at(i)}`);
      }
      for (const a of arrivals) if (a.open > PER_HOST) broken.push(`${host}: ${a.open} requests open at ${a.path}`);
    }
    assert.deepEqual(broken, [], events.join('; '));
  });
});
