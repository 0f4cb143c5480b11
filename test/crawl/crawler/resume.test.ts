/**
 * Kill -9 the real CLI while it crawls the demo web, several times, then let it finish: the pages
 * and links it ends with equal those of an uninterrupted crawl, nothing lost, nothing duplicated.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import { startDemoServer } from '../../../src/demo/index.js';
import type { DemoServer } from '../../../src/demo/index.js';
import { openStore } from '../../../src/store/index.js';
import type { DuckDbStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startCli as startCrawlCli } from '../../helpers/run-cli.js';

let server: DemoServer;
const temp = makeTempDir('vouch-crawl-resume-');
before(async () => {
  server = await startDemoServer({ pages: 300 });
});
after(async () => {
  await server.close();
  temp.cleanup();
});

const PAGE_COLUMNS = 'url, host, domain, ip, status, content_type, bytes, title, lang, canonical, noindex, nofollow, x_robots, outlinks, content_hash, source, error';
const LINK_COLUMNS = 'src_url, dst_url, kind, anchor, src_host, src_domain, dst_host, dst_domain, nofollow, ugc, sponsored, meta_nofollow, hidden, position, context, http_status, lost_at, source';

async function snapshot(dataDir: string): Promise<{ pages: string[]; links: string[]; newEvents: number; frontier: Record<string, number>; jobs: { state: string }[] }> {
  const store: DuckDbStore = await openStore({ dataDir });
  try {
    const rows = async (sql: string): Promise<string[]> => (await store.all(sql)).map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
    const frontier: Record<string, number> = {};
    for (const r of await store.all<{ state: string; n: number }>(`SELECT state, count(*)::INTEGER n FROM frontier GROUP BY state`)) frontier[r.state] = r.n;
    return {
      pages: await rows(`SELECT ${PAGE_COLUMNS} FROM pages ORDER BY url`),
      links: await rows(`SELECT ${LINK_COLUMNS} FROM links ORDER BY src_url, dst_url, kind, anchor`),
      newEvents: (await store.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM link_events WHERE event = 'new'`))!.n,
      frontier,
      jobs: await store.all<{ state: string }>(`SELECT state FROM jobs ORDER BY id`),
    };
  } finally {
    await store.close();
  }
}

/** Wait until the demo server has answered `count` more requests than `from`, polling. */
async function requestsReach(count: number, from: number, stop: Promise<unknown>): Promise<boolean> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    if (server.requestCount() - from >= count) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

describe('resuming a killed crawl', () => {
  it('ends with the same pages and links as an uninterrupted crawl after kill -9 at several points', async () => {
    // The Crawl-delay host would make every run wait a second a page; leave it out of both crawls.
    const slow = server.truth.robots.filter((r) => r.crawlDelayMs > 0).map((r) => r.host);
    const seeds = server.truth.seeds.filter((s) => !slow.some((h) => s.includes(h)));
    const exclude = slow.map((h) => `http://${h}/*`);

    const referenceDir = path.join(temp.dir, 'reference');
    const reference = await openStore({ dataDir: referenceDir });
    const result = await crawl(reference, { seeds, exclude, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 16 });
    await reference.close();
    assert.equal(result.state, 'done');
    assert.ok(result.pagesThisRun > 300);

    const dataDir = path.join(temp.dir, 'killed');
    const args = ['--data', dataDir, 'crawl', ...seeds, '--allow-private', '--delay', '0', '--per-host', '4', '--concurrency', '16'];
    for (const e of exclude) args.push('--exclude', e);
    for (const r of server.resolveArgs) args.push('--resolve', r);

    // Each run asks every host's robots.txt again (64 requests) before it gets far.
    const killAfter = [25, 120, 180];
    let killed = 0;
    for (const count of killAfter) {
      const from = server.requestCount();
      const run = startCrawlCli(args);
      const reached = await requestsReach(count, from, run.done);
      if (reached) {
        run.child.kill('SIGKILL');
        killed++;
      }
      const exit = await run.done;
      if (reached) assert.equal(exit.signal, 'SIGKILL');
      else assert.equal(exit.code, 0, exit.stderr);
    }
    assert.ok(killed >= 3, `killed ${killed} times`);
    const mid = await snapshot(dataDir);
    assert.ok(mid.pages.length > 0 && mid.pages.length < result.pagesThisRun, `${mid.pages.length} pages after the kills`);
    assert.ok((mid.frontier.queued ?? 0) + (mid.frontier.fetching ?? 0) > 0);

    const last = await startCrawlCli(args).done;
    assert.equal(last.code, 0, last.stderr);
    assert.match(last.stderr + last.stdout, /resuming crawl job 1/);

    const want = await snapshot(referenceDir);
    const got = await snapshot(dataDir);
    assert.equal(got.pages.length, want.pages.length);
    assert.deepEqual(got.pages, want.pages);
    assert.equal(got.links.length, want.links.length);
    assert.deepEqual(got.links, want.links);
    // Each link was new exactly once, however often its page was fetched.
    assert.equal(got.newEvents, got.links.length);
    assert.deepEqual(got.frontier, want.frontier);
    assert.deepEqual(got.jobs, [{ state: 'done' }]);
  });
});
