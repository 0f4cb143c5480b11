/**
 * Each loss reason against a live loopback web: crawl day 1, change the web, verify, and check the
 * events, reasons, lost_at and the failure count; then the link coming back is `recovered`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../src/crawl/index.js';
import { verify } from '../../src/monitor/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { page, startLoopbackWeb } from './helpers/loopback-web.js';
import type { LoopbackWeb, Reply } from './helpers/loopback-web.js';

const T = 'http://shop.test/';
const link = (rel = ''): string => `<a href="${T}widgets"${rel === '' ? '' : ` rel="${rel}"`}>acme widgets</a>`;
const PAGES = ['gone404', 'gone410', 'moved', 'noindex', 'xrobots', 'canon', 'removed', 'nofollow', 'ugc', 'sponsored', 'metanofollow', 'flaky', 'blocked', 'stable', 'comeback', 'wasnofollow'];

let day = 1;
let web: LoopbackWeb;
let store: DuckDbStore;
const temp = makeTempDir('vouch-verify-');

function blog(path: string): Reply | null {
  if (path === '/robots.txt') return { body: day === 1 ? 'User-agent: *\nAllow: /\n' : 'User-agent: *\nDisallow: /blocked\n', headers: { 'content-type': 'text/plain' } };
  if (path === '/') return page(PAGES.map((p) => `<a href="/${p}">${p}</a>`).join(' '));
  const name = path.slice(1);
  if (day === 1) return page(name === 'wasnofollow' ? link('nofollow') : link());
  switch (name) {
    case 'gone404':
      return { status: 404, body: 'gone' };
    case 'gone410':
      return { status: 410, body: 'gone' };
    case 'moved':
      return { status: 301, headers: { location: '/' }, body: '' };
    case 'noindex':
      return page(link(), '<meta name="robots" content="noindex">');
    case 'xrobots':
      return { ...page(link()), headers: { 'x-robots-tag': 'noindex' } };
    case 'canon':
      return page(link(), '<link rel="canonical" href="http://blog.test/elsewhere">');
    case 'removed':
      return page('no more link');
    case 'nofollow':
      return page(link('nofollow'));
    case 'ugc':
      return page(link('ugc'));
    case 'sponsored':
      return page(link('sponsored'));
    case 'metanofollow':
      return page(link(), '<meta name="robots" content="nofollow">');
    case 'flaky':
      return day === 3 ? page(link()) : { status: 503, body: 'down' };
    case 'comeback':
      return day === 2 ? page('away') : page(link());
    case 'wasnofollow':
      return page(link('nofollow'));
    case 'stable':
      return page(link() + ' <a href="http://shop.test/new-page">new one</a>');
    default:
      return page(link());
  }
}

before(async () => {
  web = await startLoopbackWeb({ 'blog.test': blog, 'shop.test': (p) => (p === '/robots.txt' ? null : page('shop')) });
  store = await openStore({ dataDir: temp.dir });
  await addTarget(store, { value: 'shop.test' });
  const result = await crawl(store, { seeds: ['http://blog.test/'], resolve: web.resolve, allowPrivate: true, delayMs: 0, perHost: 4, maxDepth: 1 });
  assert.equal(result.state, 'done');
});

after(async () => {
  await store.close();
  await web.close();
  temp.cleanup();
});

const options = (): Parameters<typeof verify>[2] => ({ resolve: web.resolve, allowPrivate: true, delayMs: 0, perHost: 4, retryBaseDelayMs: 5, maxAttempts: 2, failuresBeforeLost: 2 });

async function linkState(path: string): Promise<{ lost_at: Date | null; lost_reason: string | null; nofollow: boolean; ugc: boolean; sponsored: boolean; meta_nofollow: boolean }> {
  const row = await store.one<{ lost_at: Date | null; lost_reason: string | null; nofollow: boolean; ugc: boolean; sponsored: boolean; meta_nofollow: boolean }>(
    `SELECT lost_at, lost_reason, nofollow, ugc, sponsored, meta_nofollow FROM links WHERE src_url = $1 AND dst_url = $2`,
    [`http://blog.test/${path}`, `${T}widgets`],
  );
  assert.ok(row, path);
  return row;
}

async function eventsOf(path: string): Promise<string[]> {
  const rows = await store.all<{ event: string; reason: string | null }>(
    `SELECT e.event, e.reason FROM link_events e JOIN links l ON l.id = e.link_id WHERE l.src_url = $1 AND l.dst_url = $2 ORDER BY e.id`,
    [`http://blog.test/${path}`, `${T}widgets`],
  );
  return rows.map((r) => (r.reason === null ? r.event : `${r.event}:${r.reason}`));
}

describe('verify: loss reasons against live servers', () => {
  it('day 1 unchanged: every backlink stays live and no event is written', async () => {
    const r = await verify(store, 'shop.test', options());
    assert.equal(r.state, 'done');
    assert.equal(r.pages, PAGES.length);
    assert.deepEqual(r.events, []);
  });

  it('day 2: each change is lost with its reason; a page failing once is not lost', async () => {
    day = 2;
    const flakyBefore = web.requests.filter((q) => q.path === '/flaky').length;
    const r = await verify(store, 'shop.test', options());
    assert.equal(r.state, 'done');
    const expected: Record<string, string> = {
      gone404: 'page-gone',
      gone410: 'page-gone',
      moved: 'page-redirects',
      noindex: 'page-noindex',
      xrobots: 'page-noindex',
      canon: 'page-not-canonical',
      removed: 'link-removed',
      nofollow: 'now-nofollow',
      ugc: 'now-ugc',
      sponsored: 'now-sponsored',
      metanofollow: 'now-nofollow',
      blocked: 'page-blocked',
      comeback: 'link-removed',
    };
    for (const [path, reason] of Object.entries(expected)) {
      const s = await linkState(path);
      assert.equal(s.lost_reason, reason, path);
      assert.ok(s.lost_at instanceof Date, path);
      assert.deepEqual(await eventsOf(path), ['new', `lost:${reason}`], path);
    }
    // Rel flags follow the page.
    assert.equal((await linkState('ugc')).ugc, true);
    assert.equal((await linkState('metanofollow')).meta_nofollow, true);
    // A link that was never followed does not become "lost" by staying nofollow.
    assert.equal((await linkState('wasnofollow')).lost_at, null);
    assert.equal((await linkState('stable')).lost_at, null);
    // The flaky page failed (after retries) once: counted, not lost.
    assert.equal((await linkState('flaky')).lost_at, null);
    const mp = await store.one<{ failures: number; last_error: string }>(`SELECT failures, last_error FROM monitor_pages WHERE url = 'http://blog.test/flaky'`);
    assert.deepEqual(mp, { failures: 1, last_error: 'HTTP_STATUS' });
    // The new link on a known page is a `new` event of this job.
    const fresh = await store.one<{ event: string; job_id: bigint }>(
      `SELECT e.event, e.job_id FROM link_events e JOIN links l ON l.id = e.link_id WHERE l.dst_url = 'http://shop.test/new-page'`,
    );
    assert.equal(fresh?.event, 'new');
    assert.equal(Number(fresh?.job_id), r.jobId);
    const news = await store.all<{ kind: string; src_url: string; dst_url: string }>(
      `SELECT l.kind, l.src_url, l.dst_url FROM link_events e JOIN links l ON l.id = e.link_id WHERE e.job_id = $1 AND e.event = 'new' ORDER BY ALL`,
      [r.jobId],
    );
    // New links on checked pages are stored with `new` events of this job, whatever they point at.
    assert.deepEqual(news, [
      { kind: 'a', src_url: 'http://blog.test/stable', dst_url: 'http://shop.test/new-page' },
      { kind: 'canonical', src_url: 'http://blog.test/canon', dst_url: 'http://blog.test/elsewhere' },
      { kind: 'redirect', src_url: 'http://blog.test/moved', dst_url: 'http://blog.test/' },
    ]);
    assert.equal(web.requests.filter((q) => q.path === '/flaky').length - flakyBefore, 2, 'the 503 was retried once within the run');
  });

  it('a second run the same day changes nothing, and the flaky page is lost only at the second failure', async () => {
    const before = await store.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM link_events`);
    const r = await verify(store, 'shop.test', options());
    assert.deepEqual(r.events, [{ event: 'lost', reason: 'crawl-error', links: 1 }]);
    const after = await store.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM link_events`);
    assert.equal(after!.n, before!.n + 1);
    assert.equal((await linkState('flaky')).lost_reason, 'crawl-error');
    const mp = await store.one<{ failures: number }>(`SELECT failures FROM monitor_pages WHERE url = 'http://blog.test/flaky'`);
    assert.equal(mp?.failures, 2);
  });

  it('day 3: links that came back are recovered, the rest stay lost without new events', async () => {
    day = 3;
    await verify(store, 'shop.test', options());
    assert.deepEqual(await eventsOf('comeback'), ['new', 'lost:link-removed', 'recovered']);
    assert.equal((await linkState('comeback')).lost_at, null);
    assert.deepEqual(await eventsOf('flaky'), ['new', 'lost:crawl-error', 'recovered']);
    const mp = await store.one<{ failures: number }>(`SELECT failures FROM monitor_pages WHERE url = 'http://blog.test/flaky'`);
    assert.equal(mp?.failures, 0);
    assert.deepEqual(await eventsOf('noindex'), ['new', 'lost:page-noindex']);
    assert.deepEqual(await eventsOf('gone404'), ['new', 'lost:page-gone']);
  });

  it('refuses an unknown target', async () => {
    await assert.rejects(verify(store, 'nope.test', options()), (err: Error & { code?: string }) => err.code === 'NOT_FOUND');
  });
});
