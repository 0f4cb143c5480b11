import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFetcher, RedirectError } from '../../src/crawl/fetch/index.js';
import type { FetchResult } from '../../src/crawl/fetch/index.js';
import { RobotsPolicy } from '../../src/crawl/robots/index.js';
import { startDemoServer } from '../../src/demo/index.js';
import type { DemoServer } from '../../src/demo/index.js';

/** The network layer against the demo web: port-less URLs reach it through `--resolve host=ip:port`. */
describe('fetcher and robots policy on the demo web', () => {
  let demo: DemoServer;
  let fetcher: ReturnType<typeof createFetcher>;

  before(async () => {
    demo = await startDemoServer({ seed: 3, sites: 20, pages: 300 });
    fetcher = createFetcher({ resolve: demo.resolveArgs, allowAddresses: ['127.0.0.0/8'] });
  });

  after(async () => {
    await fetcher.close();
    await demo.close();
  });

  it('reaches every host by its port-less URL, on its own address', async () => {
    const ipOf = new Map(demo.hosts.map((h) => [h.host, h.ip]));
    assert.ok(demo.truth.robots.length >= 10);
    for (const r of demo.truth.robots) {
      const got = await fetcher.fetch(r.url, { maxRedirects: 0 }).catch((e: unknown) => e);
      if (r.mode === 'redirect') {
        assert.ok(got instanceof RedirectError && got.hops[0]!.status === r.status && got.hops[0]!.ip === ipOf.get(r.host), r.host);
        continue;
      }
      assert.ok(!(got instanceof Error), `${r.host}: ${String(got)}`);
      const page = got as FetchResult;
      assert.equal(page.status, r.status, r.host);
      assert.equal(page.ip, ipOf.get(r.host), r.host);
    }
  });

  it('agrees with the ground truth on every page robots.txt decides', async () => {
    const policy = new RobotsPolicy(fetcher);
    let checked = 0;
    for (const page of demo.truth.pages) {
      if (page.reason === 'unreachable') continue;
      const d = await policy.check(page.url);
      const expected = page.reason !== 'robots-disallow' && page.reason !== 'robots-5xx';
      if (page.crawlable || !expected) {
        assert.equal(d.allowed, expected, `${page.url}: ${page.reason ?? 'crawlable'} but state ${d.state}, rule ${JSON.stringify(d.rule)}`);
        checked++;
      }
    }
    assert.ok(checked > 50, `${checked} pages checked`);
    for (const r of demo.truth.robots) {
      const entry = await policy.entryFor(r.url);
      const state = { rules: 'rules', redirect: 'rules', 'missing-404': 'allow-all', 'forbidden-403': 'allow-all', 'error-500': 'disallow-all' }[r.mode];
      assert.equal(entry.state, state, `${r.host} (${r.mode})`);
      assert.equal(entry.crawlDelayMs ?? 0, r.crawlDelayMs, r.host);
      // A redirected robots.txt brings the sitemaps of the file it redirects to; the truth lists none for it.
      if (r.mode !== 'redirect') assert.deepEqual(entry.sitemaps, r.sitemaps, r.host);
    }
  });
});
