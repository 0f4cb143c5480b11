import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LinkRecord, PageRecord } from '../../../src/core/types.js';
import { DuckDbFrontier, commitCrawlBatch, finishJob, openJob } from '../../../src/crawl/frontier/index.js';
import type { DiscoveredUrl } from '../../../src/crawl/frontier/index.js';
import { openStore } from '../../../src/store/index.js';
import type { DuckDbStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const temp = makeTempDir('vouch-frontier-');
let store: DuckDbStore;
before(async () => {
  store = await openStore({ dataDir: temp.dir });
});
after(async () => {
  await store.close();
  temp.cleanup();
});

function page(url: string): PageRecord {
  const host = new URL(url).hostname;
  return {
    url, host, domain: host, ip: '127.0.0.1', fetchedAt: new Date(), status: 200, contentType: 'text/html', bytes: 10, title: 't', lang: null,
    canonical: null, noindex: false, nofollow: false, xRobots: null, outlinks: 1, contentHash: null, source: 'crawl', error: null, depth: 0,
  };
}

function link(src: string, dst: string): LinkRecord {
  const now = new Date();
  return {
    srcUrl: src, dstUrl: dst, srcHost: new URL(src).hostname, srcDomain: new URL(src).hostname, dstHost: new URL(dst).hostname, dstDomain: new URL(dst).hostname,
    kind: 'a', anchor: 'x', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false, httpStatus: null,
    firstSeen: now, lastSeen: now, source: 'crawl',
  };
}

describe('openJob', () => {
  it('resumes an unfinished job with the same key and starts a new one after it is done', async () => {
    const first = await openJob(store, { kind: 'crawl', jobKey: 'k1', params: { a: 1 } });
    assert.equal(first.resumed, false);
    const again = await openJob(store, { kind: 'crawl', jobKey: 'k1', params: { a: 1 } });
    assert.equal(again.resumed, true);
    assert.equal(again.job.id, first.job.id);
    await finishJob(store, first.job.id, 'interrupted');
    assert.equal((await openJob(store, { kind: 'crawl', jobKey: 'k1', params: {} })).job.id, first.job.id);
    await finishJob(store, first.job.id, 'done');
    const next = await openJob(store, { kind: 'crawl', jobKey: 'k1', params: {} });
    assert.equal(next.resumed, false);
    assert.notEqual(next.job.id, first.job.id);
    const other = await openJob(store, { kind: 'crawl', jobKey: 'k2', params: {} });
    assert.notEqual(other.job.id, next.job.id);
    const fresh = await openJob(store, { kind: 'crawl', jobKey: 'k2', params: {}, fresh: true });
    assert.notEqual(fresh.job.id, other.job.id);
  });
});

describe('DuckDbFrontier', () => {
  it('adds discovered URLs once, claims fairly per host by depth, settles, and requeues on reopen', async () => {
    const { job } = await openJob(store, { kind: 'crawl', jobKey: 'frontier-1', params: {} });
    const frontier = await DuckDbFrontier.open(store, job.id);
    const discovered: DiscoveredUrl[] = [];
    for (let i = 0; i < 10; i++) discovered.push({ url: `http://a.test/${i}`, host: 'a.test', depth: i % 3 });
    for (let i = 0; i < 3; i++) discovered.push({ url: `http://b.test/${i}`, host: 'b.test', depth: 1 });
    // Duplicates inside the batch keep the lowest depth.
    discovered.push({ url: 'http://b.test/0', host: 'b.test', depth: 0 });
    assert.equal(await store.transaction(() => frontier.addDiscovered(discovered)), 13);
    assert.equal(await store.transaction(() => frontier.addDiscovered([{ url: 'http://a.test/1', host: 'a.test', depth: 0 }, { url: 'http://c.test/', host: 'c.test', depth: 5 }])), 1);
    assert.deepEqual([...(await frontier.knownUrls())].sort().slice(0, 2), ['http://a.test/0', 'http://a.test/1']);

    const claimed = await frontier.claim({ limit: 100, perHost: 2 });
    assert.equal(claimed.length, 5);
    assert.deepEqual(claimed.map((c) => c.depth), [...claimed.map((c) => c.depth)].sort((x, y) => x - y));
    assert.equal(claimed.filter((c) => c.host === 'a.test').length, 2);
    assert.ok(claimed.every((c) => c.host !== 'a.test' || c.depth === 0));
    assert.deepEqual(claimed.find((c) => c.url === 'http://b.test/0')?.depth, 0);
    const skipped = await frontier.claim({ limit: 100, perHost: 100, skipHosts: ['a.test', 'c.test'] });
    assert.deepEqual(skipped.map((c) => c.url), ['http://b.test/2']);

    await store.transaction(() =>
      frontier.settle([
        { url: claimed[0]!.url, state: 'done', attempts: 1, lastError: null, nextFetchAt: null },
        { url: claimed[1]!.url, state: 'failed', attempts: 1, lastError: 'NETWORK', nextFetchAt: null },
        { url: claimed[2]!.url, state: 'queued', attempts: 1, lastError: 'TIMEOUT', nextFetchAt: new Date(Date.now() + 60_000) },
      ]),
    );
    const counts = await frontier.counts();
    assert.deepEqual({ ...counts }, { queued: 9, fetching: 3, done: 1, failed: 1, total: 14 });
    // A claimed row left `fetching` by a dead run is queued again when the job is reopened.
    const reopened = await DuckDbFrontier.open(store, job.id);
    assert.equal((await reopened.counts()).fetching, 0);
    assert.equal((await reopened.counts()).queued, 12);
    // The row waiting for its retry is not due.
    const all = await reopened.claim({ limit: 100, perHost: 100 });
    assert.equal(all.length, 11);
    assert.ok(!all.some((c) => c.url === claimed[2]!.url));
    const due = await reopened.nextDueAt();
    assert.ok(due !== null && due.getTime() > Date.now());
    await store.transaction(() => reopened.settle(all.map((c) => ({ url: c.url, state: 'done' as const, attempts: 1, lastError: null, nextFetchAt: null }))));
    const retry = await reopened.claim({ limit: 10, perHost: 10, now: new Date(Date.now() + 120_000) });
    assert.deepEqual(retry.map((c) => [c.url, c.attempts]), [[claimed[2]!.url, 1]]);
    await store.transaction(() => reopened.settle([{ url: retry[0]!.url, state: 'done', attempts: 2, lastError: null, nextFetchAt: null }]));
    assert.equal(await reopened.nextDueAt(), null);
  });

  it('commits pages, links, discovered URLs and frontier state together, idempotently', async () => {
    const { job } = await openJob(store, { kind: 'crawl', jobKey: 'frontier-2', params: {} });
    const frontier = await DuckDbFrontier.open(store, job.id);
    await commitCrawlBatch(frontier, { pages: [], links: [], discovered: [{ url: 'http://s.test/', host: 's.test', depth: 0 }], settled: [], progress: { n: 0 } });
    const [seed] = await frontier.claim({ limit: 10, perHost: 10 });
    assert.equal(seed?.url, 'http://s.test/');
    const batch = {
      pages: [page('http://s.test/')],
      links: [link('http://s.test/', 'http://s.test/a'), link('http://s.test/', 'http://s.test/b')],
      discovered: [{ url: 'http://s.test/a', host: 's.test', depth: 1 }, { url: 'http://s.test/b', host: 's.test', depth: 1 }],
      settled: [{ url: 'http://s.test/', state: 'done' as const, attempts: 1, lastError: null, nextFetchAt: null }],
      progress: { n: 1 },
    };
    const first = await commitCrawlBatch(frontier, batch);
    assert.equal(first.added, 2);
    assert.equal(first.newLinks, 2);
    // The same batch again (a page fetched twice after a crash) adds nothing.
    const second = await commitCrawlBatch(frontier, batch);
    assert.equal(second.added, 0);
    assert.equal(second.newLinks, 0);
    const linkCount = await store.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM links WHERE src_url = 'http://s.test/'`);
    const events = await store.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM link_events WHERE job_id = $1 AND event = 'new'`, [job.id]);
    assert.equal(linkCount?.n, 2);
    assert.equal(events?.n, 2);
    assert.deepEqual({ ...(await frontier.counts()) }, { queued: 2, fetching: 0, done: 1, failed: 0, total: 3 });
    const progress = await store.one<{ progress: string }>(`SELECT progress FROM jobs WHERE id = $1`, [job.id]);
    assert.deepEqual(JSON.parse(String(progress?.progress)), { n: 1 });
  });
});
