/**
 * A monitor run rewrites links in place (rel flags, last_seen, lost_at): against a live loopback web,
 * crawl, optimize, change the web, verify, and the anchors and backlinks reports must leave the
 * rollup for the links table until the next optimize, which gives the same rows again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../src/crawl/index.js';
import { verify } from '../../src/monitor/index.js';
import { addTarget, anchors, backlinks } from '../../src/reports/index.js';
import { buildLinkRollup, linkRollupStatus, openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { page, startLoopbackWeb } from '../monitor/helpers/loopback-web.js';
import type { LoopbackWeb, Reply } from '../monitor/helpers/loopback-web.js';

const POSTS = ['a', 'b', 'c', 'd'];
let day = 1;

function blog(path: string): Reply | null {
  if (path === '/robots.txt') return { body: 'User-agent: *\nAllow: /\n', headers: { 'content-type': 'text/plain' } };
  if (path === '/') return page(POSTS.map((p) => `<a href="/${p}">${p}</a>`).join(' '));
  const name = path.slice(1);
  // Day 2: post b's link turns nofollow, post c's link is removed.
  const rel = day === 2 && name === 'b' ? ' rel="nofollow"' : '';
  if (day === 2 && name === 'c') return page('nothing here now');
  return page(`<a href="http://shop.test/widgets"${rel}>Acme Widgets</a> <a href="http://shop.test/"><img src="/x.png" alt="Acme"></a>`);
}

describe('link rollup after a monitor run', () => {
  let web: LoopbackWeb;
  let store: DuckDbStore;
  const temp = makeTempDir('vouch-rollup-monitor-');
  const strip = <T extends { source: string }>(r: T): Omit<T, 'source'> => {
    const { source: _source, ...rest } = r;
    return rest;
  };
  const reports = async () => ({
    anchors: await anchors(store, { target: 'shop.test' }),
    all: await backlinks(store, { target: 'shop.test' }),
    followed: await backlinks(store, { target: 'shop.test', rel: ['follow'] }),
  });
  const sources = (r: Awaited<ReturnType<typeof reports>>) => [r.anchors.source, r.all.source, r.followed.source];
  const stripAll = (r: Awaited<ReturnType<typeof reports>>) => [strip(r.anchors), strip(r.all), strip(r.followed)];

  before(async () => {
    web = await startLoopbackWeb({ 'blog.test': blog, 'shop.test': (p) => (p === '/robots.txt' ? null : page('shop')) });
    store = await openStore({ dataDir: temp.dir });
    await addTarget(store, { value: 'shop.test', scope: 'domain' });
    const result = await crawl(store, { seeds: ['http://blog.test/'], resolve: web.resolve, allowPrivate: true, delayMs: 0, perHost: 4, maxDepth: 1 });
    assert.equal(result.state, 'done');
  });
  after(async () => {
    await store.close();
    await web.close();
    temp.cleanup();
  });

  it('uses the rollup after optimize, the links table after verify changed links, and the rollup again after optimize', async () => {
    await buildLinkRollup(store);
    const day1 = await reports();
    assert.deepEqual(sources(day1), ['rollup', 'rollup', 'rollup']);
    const widgets = day1.anchors.rows.find((r) => r.anchor === 'acme widgets');
    assert.deepEqual([widgets?.links, widgets?.followedLinks], [POSTS.length, POSTS.length]);

    day = 2;
    const run = await verify(store, 'shop.test', { resolve: web.resolve, allowPrivate: true, delayMs: 0, perHost: 4, retryBaseDelayMs: 5, maxAttempts: 2, failuresBeforeLost: 1 });
    assert.equal(run.state, 'done');
    assert.equal((await linkRollupStatus(store)).current, false);
    const day2 = await reports();
    assert.deepEqual(sources(day2), ['links', 'links', 'links']);
    // Post c lost both its links; post b's text link is lost as now-nofollow.
    assert.equal(day2.followed.total, day1.followed.total - 3);
    // Post c's link is gone and post b's is lost as now-nofollow: two of four left live.
    const after = day2.anchors.rows.find((r) => r.anchor === 'acme widgets');
    assert.deepEqual([after?.links, after?.followedLinks], [POSTS.length - 2, POSTS.length - 2]);

    await buildLinkRollup(store);
    const again = await reports();
    assert.deepEqual(sources(again), ['rollup', 'rollup', 'rollup']);
    assert.deepEqual(stripAll(again), stripAll(day2));
  });
});
