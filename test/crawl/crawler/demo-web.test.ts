/**
 * The crawler against the demo web and its ground truth: every link a correct crawler must find,
 * with the right kind, rel flags, inherited meta nofollow, position and hidden flag, and nothing
 * the truth lacks; every crawlable page fetched; robots.txt obeyed.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import type { CrawlResult } from '../../../src/crawl/crawler/index.js';
import { startDemoServer } from '../../../src/demo/index.js';
import type { DemoServer, DemoTruth } from '../../../src/demo/index.js';
import { openStore } from '../../../src/store/index.js';
import type { DuckDbStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

interface StoredLink {
  kind: string;
  src_url: string;
  dst_url: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  meta_nofollow: boolean;
  hidden: boolean;
  position: string;
  http_status: number | null;
}

interface StoredPage {
  url: string;
  status: number;
  error: string | null;
  noindex: boolean;
  nofollow: boolean;
  depth: number | null;
}

const temps: { cleanup: () => void }[] = [];
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups) await c();
  for (const t of temps) t.cleanup();
});

async function crawlDemo(pages: number): Promise<{ server: DemoServer; store: DuckDbStore; result: CrawlResult }> {
  const server = await startDemoServer({ pages, logRequests: true });
  const temp = makeTempDir('vouch-crawl-demo-');
  temps.push(temp);
  const store = await openStore({ dataDir: temp.dir });
  cleanups.push(async () => {
    await store.close();
    await server.close();
  });
  const result = await crawl(store, { seeds: server.truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32 });
  return { server, store, result };
}

const key = (kind: string, src: string, dst: string, anchor: string): string => `${kind}\u0001${src}\u0001${dst}\u0001${anchor}`;

async function assertMatchesTruth(store: DuckDbStore, truth: DemoTruth, result: CrawlResult): Promise<void> {
  assert.equal(result.state, 'done');
  const stored = await store.all<StoredLink>(`SELECT kind, src_url, dst_url, anchor, nofollow, ugc, sponsored, meta_nofollow, hidden, position, http_status FROM links WHERE source = 'crawl'`);
  const byKey = new Map(stored.map((l) => [key(l.kind, l.src_url, l.dst_url, l.anchor), l]));
  const expected = truth.links.filter((l) => l.onCrawlablePage);
  const expectedKeys = new Set(expected.map((l) => key(l.kind, l.srcUrl, l.dstUrl, l.anchor)));
  const missing = expected.filter((l) => !byKey.has(key(l.kind, l.srcUrl, l.dstUrl, l.anchor)));
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} links of the truth were not found`);
  const extra = stored.filter((l) => !expectedKeys.has(key(l.kind, l.src_url, l.dst_url, l.anchor)));
  assert.deepEqual(extra.slice(0, 5), [], `${extra.length} links found that the truth lacks`);
  assert.equal(stored.length, expectedKeys.size);
  let wrong = 0;
  for (const t of expected) {
    const s = byKey.get(key(t.kind, t.srcUrl, t.dstUrl, t.anchor))!;
    const got = { nofollow: s.nofollow, ugc: s.ugc, sponsored: s.sponsored, metaNofollow: s.meta_nofollow, hidden: s.hidden, position: s.position, httpStatus: s.http_status };
    const want = { nofollow: t.nofollow, ugc: t.ugc, sponsored: t.sponsored, metaNofollow: t.metaNofollow, hidden: t.hidden, position: t.position, httpStatus: t.httpStatus };
    if (wrong < 5) assert.deepEqual(got, want, `${t.kind} ${t.srcUrl} -> ${t.dstUrl} "${t.anchor}"`);
    wrong++;
  }
  // Every feature the truth exercises is there.
  for (const kind of ['a', 'img', 'redirect', 'canonical', 'meta-refresh', 'link-header']) assert.ok(stored.some((l) => l.kind === kind), `a ${kind} link`);
  assert.ok(stored.some((l) => l.meta_nofollow) && stored.some((l) => l.ugc) && stored.some((l) => l.sponsored) && stored.some((l) => l.hidden));

  const pages = new Map((await store.all<StoredPage>(`SELECT url, status, error, noindex, nofollow, depth FROM pages`)).map((p) => [p.url, p]));
  for (const t of truth.pages) {
    const p = pages.get(t.url);
    if (t.crawlable) {
      assert.ok(p !== undefined, `crawlable page ${t.url} was recorded`);
      assert.equal(p.status, t.status, t.url);
      assert.equal(p.error, null, t.url);
      assert.deepEqual({ noindex: p.noindex, nofollow: p.nofollow }, { noindex: t.noindex, nofollow: t.nofollow }, t.url);
      // First discovery wins, so a depth is never below the breadth-first one.
      assert.ok(p.depth !== null && t.depth !== null && p.depth >= t.depth, `${t.url} depth ${p.depth} vs ${t.depth}`);
    } else if (p !== undefined) {
      // Reached but refused: robots.txt disallows it or its robots.txt answers 5xx.
      assert.equal(p.status, 0, t.url);
      assert.equal(p.error, t.reason === 'robots-5xx' ? 'ROBOTS_UNAVAILABLE' : 'ROBOTS_DISALLOWED', t.url);
    }
  }
  assert.ok([...pages.values()].some((p) => p.error === 'ROBOTS_DISALLOWED'));
  assert.ok([...pages.values()].some((p) => p.error === 'ROBOTS_UNAVAILABLE'));
  const crawlable = truth.pages.filter((p) => p.crawlable).length;
  assert.equal(result.summary.pagesByStatus.filter((s) => s.status !== 0).reduce((n, s) => n + s.pages, 0), crawlable);
  assert.equal(result.summary.links, expectedKeys.size);
  assert.equal(result.summary.queued, 0);
}

describe('crawling the demo web', () => {
  it('finds exactly the links of the ground truth, small and default size', async () => {
    // Both at once: each spends most of its time waiting for the Crawl-delay host.
    const [small, full] = await Promise.all([crawlDemo(300), crawlDemo(3000)]);
    await assertMatchesTruth(small.store, small.server.truth, small.result);
    await assertMatchesTruth(full.store, full.server.truth, full.result);
    for (const { server } of [small, full]) {
      // robots.txt once per host, no disallowed URL, and no URL twice.
      const refused = new Set(server.truth.pages.filter((p) => !p.crawlable && p.reason !== 'unreachable').map((p) => p.url));
      const seen = new Set<string>();
      const robots = new Map<string, number>();
      for (const r of server.requestLog) {
        const url = `http://${r.host}${r.path}`;
        if (r.path === '/robots.txt') robots.set(r.host, (robots.get(r.host) ?? 0) + 1);
        else {
          assert.ok(!refused.has(url), `requested ${url}, which robots.txt refuses`);
          assert.ok(!seen.has(url), `requested ${url} twice`);
          seen.add(url);
        }
      }
      assert.ok(refused.size > 0);
      // A host whose robots.txt redirects to another host's makes that one asked twice.
      const redirecting = server.truth.robots.filter((r) => r.mode === 'redirect').length;
      assert.ok([...robots.values()].every((n) => n >= 1 && n <= 1 + redirecting), JSON.stringify([...robots].filter(([, n]) => n > 1)));
      assert.equal([...robots.values()].reduce((a, b) => a + b, 0), server.truth.robots.length + redirecting);
    }
  });
});
