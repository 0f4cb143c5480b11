/**
 * Politeness as a server sees it: a test server records, per host, the requests in flight and the
 * gaps between request arrivals. Neither may break --per-host, --delay or robots.txt Crawl-delay,
 * and a Retry-After holds the host back.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { Handler, RecordedRequest, TestWeb } from './fixtures/test-web.js';

const temp = makeTempDir('vouch-crawl-polite-');
const webs: TestWeb[] = [];
after(async () => {
  for (const w of webs) await w.close();
  temp.cleanup();
});

/**
 * Arrival-time jitter allowed on a loopback: the crawler spaces request STARTS, the server sees
 * arrivals, and a busy machine (a parallel test run) can delay one arrival by tens of ms.
 */
const TOLERANCE_MS = 60;

/** A host of `n` pages that all link to each other, answering after `delayMs`. */
function mesh(n: number, delayMs: number, robots = ''): Handler {
  const paths = Array.from({ length: n }, (_, i) => `/p${i}`);
  return (_req, res, path) => {
    if (path === '/robots.txt') return robots === '' ? html(res, 'none', 404) : void res.writeHead(200, { 'content-type': 'text/plain' }).end(robots);
    setTimeout(() => html(res, linksPage(['/', ...paths])), delayMs);
  };
}

function byHost(requests: readonly RecordedRequest[], host: string): RecordedRequest[] {
  return requests.filter((r) => r.host === host).sort((a, b) => a.atMs - b.atMs);
}

function minGap(requests: readonly RecordedRequest[]): number {
  let gap = Infinity;
  for (let i = 1; i < requests.length; i++) gap = Math.min(gap, requests[i]!.atMs - requests[i - 1]!.atMs);
  return gap;
}

async function run(web: TestWeb, hosts: string[], options: { perHost: number; delayMs: number; concurrency: number }, name: string): Promise<void> {
  const store = await openStore({ dataDir: `${temp.dir}/${name}` });
  try {
    const result = await crawl(store, { seeds: hosts.map((h) => `http://${h}/`), resolve: hosts.map((h) => web.resolve(h)), allowPrivate: true, retryBaseDelayMs: 100, ...options });
    assert.equal(result.state, 'done');
  } finally {
    await store.close();
  }
}

describe('politeness', () => {
  it('never has more than --per-host requests in flight to a host, nor --concurrency in all', async () => {
    const web = await startTestWeb({ 'a.test': mesh(12, 40), 'b.test': mesh(12, 40), 'c.test': mesh(12, 40) });
    webs.push(web);
    await run(web, ['a.test', 'b.test', 'c.test'], { perHost: 2, delayMs: 0, concurrency: 4 }, 'per-host');
    for (const host of ['a.test', 'b.test', 'c.test']) {
      const reqs = byHost(web.requests, host);
      assert.equal(reqs.length, 14, `${host}: robots.txt, / and 12 pages`);
      assert.equal(Math.max(...reqs.map((r) => r.concurrent)), 2, `${host} reached but never passed --per-host 2`);
    }
    // Global: at any arrival, requests in flight over all hosts.
    const all = [...web.requests].sort((a, b) => a.atMs - b.atMs);
    let peak = 0;
    for (const r of all) peak = Math.max(peak, all.filter((o) => o.atMs <= r.atMs && (o.endMs === null || o.endMs > r.atMs)).length);
    assert.ok(peak <= 4, `peak ${peak} in flight with --concurrency 4`);
  });

  it('spaces requests to a host by --delay, by a longer Crawl-delay, and by Retry-After', async () => {
    let busy = 0;
    const web = await startTestWeb({
      'd.test': mesh(5, 0),
      'cd.test': mesh(3, 0, 'User-agent: *\nCrawl-delay: 0.6\n'),
      'ra.test': (_req, res, path) => {
        if (path === '/robots.txt') return html(res, 'none', 404);
        if (path === '/busy' && busy++ === 0) return html(res, 'busy', 503, { 'retry-after': '1' });
        html(res, linksPage(['/busy', '/a', '/b', '/c']));
      },
    });
    webs.push(web);
    await run(web, ['d.test', 'cd.test', 'ra.test'], { perHost: 2, delayMs: 300, concurrency: 8 }, 'delay');

    const d = byHost(web.requests, 'd.test');
    assert.equal(d.length, 7);
    assert.ok(minGap(d) >= 300 - TOLERANCE_MS, `d.test gap ${minGap(d).toFixed(0)} ms < --delay 300`);
    const cd = byHost(web.requests, 'cd.test');
    assert.equal(cd.length, 5);
    // robots.txt comes before the Crawl-delay is known; every gap after it honours 0.6 s.
    assert.ok(minGap(cd.slice(1)) >= 600 - TOLERANCE_MS, `cd.test gap ${minGap(cd.slice(1)).toFixed(0)} ms < Crawl-delay 600`);

    const ra = byHost(web.requests, 'ra.test');
    const first503 = ra.find((r) => r.path === '/busy')!;
    const after503 = ra.filter((r) => r.atMs > first503.atMs);
    assert.ok(after503.length > 0);
    for (const r of after503) assert.ok(r.atMs - first503.atMs >= 1000 - TOLERANCE_MS, `${r.path} ${(r.atMs - first503.atMs).toFixed(0)} ms after a Retry-After: 1`);
    assert.equal(ra.filter((r) => r.path === '/busy').length, 2, 'the 503 page was fetched again');
  });
});
