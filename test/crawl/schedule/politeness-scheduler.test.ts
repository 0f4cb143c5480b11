import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createFetcher } from '../../../src/crawl/fetch/index.js';
import { PolitenessScheduler } from '../../../src/crawl/schedule/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

describe('PolitenessScheduler on a hand-driven clock', () => {
  it('spaces request starts to one host by delayMs and caps in-flight requests per host and in all', () => {
    let now = 0;
    const s = new PolitenessScheduler({ perHost: 2, delayMs: 1000, globalConcurrency: 3, now: () => now });
    assert.equal(s.tryAcquire('a.test'), true);
    assert.equal(s.waitMs('a.test'), 1000);
    assert.equal(s.tryAcquire('a.test'), false);
    now = 1000;
    assert.equal(s.tryAcquire('a.test'), true);
    now = 5000;
    assert.equal(s.waitMs('a.test'), Infinity, 'two in flight: only a release helps');
    assert.equal(s.tryAcquire('b.test'), true);
    assert.equal(s.waitMs('c.test'), Infinity, 'global concurrency reached');
    s.release('a.test');
    assert.equal(s.active, 2);
    assert.equal(s.activeFor('a.test'), 1);
    assert.equal(s.waitMs('a.test'), 0);
    s.release('a.test');
    s.release('a.test');
    assert.equal(s.activeFor('a.test'), 0, 'extra releases are ignored');
  });

  it('raises the gap to a robots Crawl-delay, capped, never below delayMs', () => {
    let now = 0;
    const s = new PolitenessScheduler({ delayMs: 1000, maxCrawlDelayMs: 10_000, now: () => now });
    s.setCrawlDelay('slow.test', 5);
    s.setCrawlDelay('huge.test', 3600);
    s.setCrawlDelay('tiny.test', 0.1);
    assert.deepEqual(['slow.test', 'huge.test', 'tiny.test', 'other.test'].map((h) => s.delayFor(h)), [5000, 10_000, 1000, 1000]);
    s.tryAcquire('slow.test');
    s.release('slow.test');
    now = 4000;
    assert.equal(s.waitMs('slow.test'), 1000);
    s.setCrawlDelay('slow.test', null);
    assert.equal(s.waitMs('slow.test'), 0);
  });

  it('picks the host that may go soonest', () => {
    let now = 0;
    const s = new PolitenessScheduler({ perHost: 1, delayMs: 1000, now: () => now });
    s.tryAcquire('a.test');
    s.release('a.test');
    now = 300;
    s.tryAcquire('b.test');
    s.release('b.test');
    now = 600;
    assert.deepEqual(s.pickNext(['a.test', 'b.test']), { host: 'a.test', waitMs: 400 });
    assert.deepEqual(s.pickNext(['a.test', 'b.test', 'c.test']), { host: 'c.test', waitMs: 0 });
    s.tryAcquire('c.test');
    assert.equal(s.pickNext(['c.test']), null, 'c is busy: nothing until a release');
    now = 5000;
    assert.equal(s.prune(), 2, 'idle a and b are forgotten; busy c is kept');
  });

  it('acquire() waits for a release and can be aborted', async () => {
    const s = new PolitenessScheduler({ perHost: 1, delayMs: 0 });
    const first = await s.acquire('a.test');
    let second = false;
    const pending = s.acquire('a.test').then((release) => {
      second = true;
      return release;
    });
    await delay(20);
    assert.equal(second, false);
    first();
    (await pending)();
    assert.equal(second, true);
    const hold = await s.acquire('a.test');
    const controller = new AbortController();
    const aborted = s.acquire('a.test', controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(aborted, /stop/);
    hold();
  });
});

describe('PolitenessScheduler driving real fetches', () => {
  const ADDRESS = '127.0.0.81';
  let server: TestServer;
  const open = new Map<string, number>();
  const maxOpen = new Map<string, number>();
  const arrivals = new Map<string, number[]>();
  let openAll = 0;
  let maxOpenAll = 0;

  before(async () => {
    server = await startTestServer(ADDRESS, async (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      arrivals.set(host, [...(arrivals.get(host) ?? []), performance.now()]);
      open.set(host, (open.get(host) ?? 0) + 1);
      maxOpen.set(host, Math.max(maxOpen.get(host) ?? 0, open.get(host)!));
      maxOpenAll = Math.max(maxOpenAll, ++openAll);
      await delay(250);
      open.set(host, open.get(host)! - 1);
      openAll--;
      res.end('ok');
    });
  });

  after(() => server.close());

  it('keeps per-host concurrency, per-host gaps (Crawl-delay included) and global concurrency', async () => {
    const fetcher = createFetcher({ resolve: [`*.test=${ADDRESS}:${server.port}`], allowAddresses: [ADDRESS] });
    const scheduler = new PolitenessScheduler({ perHost: 2, delayMs: 100, globalConcurrency: 3 });
    scheduler.setCrawlDelay('slow.test', 0.3);
    const queue = new Map<string, number>([['a.test', 6], ['b.test', 6], ['slow.test', 4]]);
    const inFlight = new Set<Promise<void>>();
    const starts = new Map<string, number[]>();
    while ([...queue.values()].some((n) => n > 0) || inFlight.size > 0) {
      const next = scheduler.pickNext([...queue].filter(([, n]) => n > 0).map(([h]) => h));
      if (next !== null && next.waitMs === 0 && scheduler.tryAcquire(next.host)) {
        queue.set(next.host, queue.get(next.host)! - 1);
        starts.set(next.host, [...(starts.get(next.host) ?? []), performance.now()]);
        const job = fetcher.fetch(`http://${next.host}/`).then(() => scheduler.release(next.host));
        const tracked = job.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        continue;
      }
      // Wait for the next slot to open, or for any request to end.
      await Promise.race([...inFlight, delay(next?.waitMs ?? 1_000)]);
    }
    await fetcher.close();
    assert.deepEqual(Object.fromEntries([...arrivals].map(([h, t]) => [h, t.length])), { 'a.test': 6, 'b.test': 6, 'slow.test': 4 });
    for (const [host, max] of maxOpen) assert.ok(max <= 2, `${host}: ${max} requests open at once`);
    assert.ok(maxOpenAll <= 3, `${maxOpenAll} open in all`);
    assert.equal(maxOpen.get('a.test'), 2, 'two at once to a host is used, not just allowed');
    // Gaps are what the scheduler decides: when each request starts. Server and client share this
    // process's event loop, so on a loaded machine two arrivals can be handled back to back however
    // far apart they were sent (seen: 0 ms). The crawler's own politeness test checks arrivals.
    for (const [host, times] of starts) {
      const minGapMs = host === 'slow.test' ? 300 : 100;
      for (let i = 1; i < times.length; i++) {
        assert.ok(times[i]! - times[i - 1]! >= minGapMs, `${host}: gap ${Math.round(times[i]! - times[i - 1]!)} ms < ${minGapMs} ms`);
      }
    }
  });
});
