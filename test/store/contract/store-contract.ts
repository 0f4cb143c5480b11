/**
 * The contract of the store port (src/store/store.ts), as one suite that every adapter runs:
 * test/store/contract/duckdb.test.ts and clickhouse-chdb.test.ts call `storeContract` with their
 * own opener. Only port methods and SQL both dialects share (reads of the tables the port names)
 * are used, so a failure here is an adapter breaking the contract.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CriticalError } from '../../../src/core/errors.js';
import type { LinkRecord, PageRecord } from '../../../src/core/types.js';
import { generateDemoWeb } from '../../../src/demo/index.js';
import { addTarget, refDomains } from '../../../src/reports/index.js';
import type { Store } from '../../../src/store/index.js';
import { DAY1, DEMO_OPTIONS, liveLinks, markLost, writeDay } from '../../reports/demo-store.js';

export interface OpenedStore {
  store: Store;
  cleanup: () => Promise<void>;
}

const T1 = new Date('2026-01-02T00:00:00Z');
const T2 = new Date('2026-01-05T00:00:00Z');
const T3 = new Date('2026-01-09T00:00:00Z');

export function link(over: Partial<LinkRecord> = {}): LinkRecord {
  return {
    srcUrl: 'http://blog.example.org/post', dstUrl: 'http://shop.test/', srcHost: 'blog.example.org', srcDomain: 'example.org',
    dstHost: 'shop.test', dstDomain: 'shop.test', kind: 'a', anchor: 'great shop', nofollow: false, ugc: false, sponsored: false,
    metaNofollow: false, position: 'main', context: 'read about the great shop here', hidden: false, httpStatus: null,
    firstSeen: T1, lastSeen: T1, source: 'crawl', ...over,
  };
}

export function page(over: Partial<PageRecord> = {}): PageRecord {
  return {
    url: 'http://blog.example.org/post', host: 'blog.example.org', domain: 'example.org', ip: '127.0.0.2', fetchedAt: T1, status: 200,
    contentType: 'text/html', bytes: 1234, title: 'Post', lang: 'en', canonical: null, noindex: false, nofollow: false, xRobots: null,
    outlinks: 3, contentHash: 'abc', source: 'crawl', error: null, depth: 1, ...over,
  };
}

interface StoredLink {
  anchor: string;
  nofollow: boolean;
  position: string;
  first_seen: Date;
  last_seen: Date;
  lost_at: Date | null;
  source: string;
}

async function linksTo(store: Store, dstUrl: string): Promise<StoredLink[]> {
  return store.all<StoredLink>(
    `SELECT anchor, nofollow, position, first_seen, last_seen, lost_at, source FROM links WHERE dst_url = $1 ORDER BY anchor, kind`,
    [dstUrl],
  );
}

async function eventCounts(store: Store): Promise<Record<string, number>> {
  const rows = await store.all<{ event: string; n: bigint }>(`SELECT event, count(*) AS n FROM link_events GROUP BY event ORDER BY event`);
  return Object.fromEntries(rows.map((r) => [r.event, Number(r.n)]));
}

/** Register the contract tests for one adapter. `open` gives a fresh, empty store each time. */
export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`store contract: ${name}`, () => {
    describe('links', () => {
      let s: OpenedStore;
      before(async () => {
        s = await open();
      });
      after(async () => s.cleanup());

      it('inserts each new link once, dedupes within a batch and writes one `new` event each', async () => {
        const r = await s.store.writeLinks([link(), link(), link({ anchor: 'other' }), link({ kind: 'img', anchor: '' })]);
        assert.deepEqual(r, { inserted: 3, updated: 0, recovered: 0 });
        assert.equal((await linksTo(s.store, 'http://shop.test/')).length, 3);
        assert.deepEqual(await eventCounts(s.store), { new: 3 });
      });

      it('is idempotent: the same batch again updates, never duplicates rows or events', async () => {
        const r = await s.store.writeLinks([link(), link({ anchor: 'other' }), link({ kind: 'img', anchor: '' })]);
        assert.deepEqual(r, { inserted: 0, updated: 3, recovered: 0 });
        assert.equal((await linksTo(s.store, 'http://shop.test/')).length, 3);
        assert.deepEqual(await eventCounts(s.store), { new: 3 });
      });

      it('keeps the earliest first_seen and the latest last_seen, whatever the order of writes', async () => {
        await s.store.writeLinks([link({ firstSeen: T3, lastSeen: T3 })]);
        await s.store.writeLinks([link({ firstSeen: T2, lastSeen: T2 })]);
        const row = (await linksTo(s.store, 'http://shop.test/')).find((l) => l.anchor === 'great shop');
        assert.equal(row?.first_seen.toISOString(), T1.toISOString());
        assert.equal(row?.last_seen.toISOString(), T3.toISOString());
      });

      it('takes attributes from the newest observation of the same source only', async () => {
        await s.store.writeLinks([link({ firstSeen: T2, lastSeen: T2, nofollow: true, position: 'footer' })]);
        let row = (await linksTo(s.store, 'http://shop.test/')).find((l) => l.anchor === 'great shop');
        assert.equal(row?.nofollow, false, 'an older observation must not overwrite');
        await s.store.writeLinks([link({ firstSeen: T3, lastSeen: new Date('2026-01-10T00:00:00Z'), nofollow: true, position: 'footer', source: 'wat' })]);
        row = (await linksTo(s.store, 'http://shop.test/')).find((l) => l.anchor === 'great shop');
        assert.equal(row?.nofollow, false, 'an import must not overwrite what a crawl saw');
        assert.equal(row?.source, 'crawl');
        assert.equal(row?.last_seen.toISOString(), '2026-01-10T00:00:00.000Z');
        await s.store.writeLinks([link({ firstSeen: T3, lastSeen: new Date('2026-01-11T00:00:00Z'), nofollow: true, position: 'footer' })]);
        row = (await linksTo(s.store, 'http://shop.test/')).find((l) => l.anchor === 'great shop');
        assert.equal(row?.nofollow, true);
        assert.equal(row?.position, 'footer');
      });

      it('merges a batch that repeats a link into its widest seen-range', async () => {
        const dstUrl = 'http://shop.test/batch';
        const r = await s.store.writeLinks([link({ dstUrl, firstSeen: T2, lastSeen: T2 }), link({ dstUrl, firstSeen: T1, lastSeen: T3, anchor: 'great shop' })]);
        assert.equal(r.inserted, 1);
        const rows = await linksTo(s.store, dstUrl);
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.first_seen.toISOString(), T1.toISOString());
        assert.equal(rows[0]?.last_seen.toISOString(), T3.toISOString());
      });

      it('keeps the first of two observations made at the same time (one page linking twice), on every run', async () => {
        // Many pairs, among other links, so that an unpinned tie would keep the second of some pair.
        const src = { srcUrl: 'http://shop.test/about', srcHost: 'shop.test', srcDomain: 'shop.test' };
        const batch = [];
        for (let i = 0; i < 400; i++) {
          const dstUrl = `http://shop.test/twice/${i}`;
          batch.push(link({ ...src, dstUrl, context: `first ${i}` }), link({ ...src, dstUrl: `http://shop.test/once/${i}` }), link({ ...src, dstUrl, context: `second ${i}`, position: 'footer' }));
        }
        await s.store.writeLinks(batch);
        const rows = await s.store.all<{ dst_url: string; context: string; position: string }>(
          `SELECT dst_url, context, position FROM links WHERE src_url = $1 AND context LIKE '% %' AND (context LIKE 'first%' OR context LIKE 'second%')`,
          [src.srcUrl],
        );
        assert.equal(rows.length, 400);
        const wrong = rows.filter((r) => !r.context.startsWith('first') || r.position !== 'main');
        assert.deepEqual(wrong.map((r) => r.dst_url), []);
      });

      it('recovers a lost link seen again: clears lost_at and writes a `recovered` event', async () => {
        const dstUrl = 'http://shop.test/lost';
        await s.store.writeLinks([link({ dstUrl })]);
        await markLost(s.store, { srcUrl: link().srcUrl, dstUrl, kind: 'a', anchor: 'great shop' }, T2, 'gone');
        assert.equal((await linksTo(s.store, dstUrl))[0]?.lost_at?.toISOString(), T2.toISOString());
        const stale = await s.store.writeLinks([link({ dstUrl, firstSeen: T1, lastSeen: T1 })]);
        assert.equal(stale.recovered, 0, 'an observation older than the loss is no recovery');
        const r = await s.store.writeLinks([link({ dstUrl, firstSeen: T3, lastSeen: T3 })]);
        assert.deepEqual(r, { inserted: 0, updated: 1, recovered: 1 });
        assert.equal((await linksTo(s.store, dstUrl))[0]?.lost_at, null);
        assert.equal((await eventCounts(s.store)).recovered, 1);
      });

      it('streams the host edges of followed, live links between hosts', async () => {
        await s.store.writeLinks([
          link({ srcUrl: 'http://a.test/1', srcHost: 'a.test', srcDomain: 'a.test', dstUrl: 'http://b.test/', dstHost: 'b.test', dstDomain: 'b.test' }),
          link({ srcUrl: 'http://a.test/2', srcHost: 'a.test', srcDomain: 'a.test', dstUrl: 'http://b.test/', dstHost: 'b.test', dstDomain: 'b.test' }),
          link({ srcUrl: 'http://a.test/3', srcHost: 'a.test', srcDomain: 'a.test', dstUrl: 'http://c.test/', dstHost: 'c.test', dstDomain: 'c.test', nofollow: true }),
          link({ srcUrl: 'http://a.test/4', srcHost: 'a.test', srcDomain: 'a.test', dstUrl: 'http://a.test/5', dstHost: 'a.test', dstDomain: 'a.test' }),
        ]);
        const edges = [];
        for await (const e of s.store.streamHostEdges()) edges.push(e);
        edges.sort((x, y) => `${x.src} ${x.dst}`.localeCompare(`${y.src} ${y.dst}`));
        assert.deepEqual(edges, [
          { src: 'a.test', dst: 'b.test', links: 2 },
          { src: 'blog.example.org', dst: 'shop.test', links: 3 },
        ]);
      });
    });

    describe('pages', () => {
      let s: OpenedStore;
      before(async () => {
        s = await open();
      });
      after(async () => s.cleanup());
      const read = async (): Promise<{ title: string | null; status: number; lang: string | null; fetched_at: Date }[]> =>
        s.store.all(`SELECT title, status, lang, fetched_at FROM pages WHERE url = $1`, [page().url]);

      it('keeps one row per URL; a newer fetch replaces the row', async () => {
        assert.equal(await s.store.writePages([page()]), 1);
        await s.store.writePages([page({ fetchedAt: T2, title: 'New', status: 404 })]);
        await s.store.writePages([page({ fetchedAt: T2, title: 'New', status: 404 })]);
        const rows = await read();
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.title, 'New');
        assert.equal(rows[0]?.status, 404);
      });

      it('lets an older fetch only fill gaps, never replace', async () => {
        await s.store.writePages([page({ url: 'http://blog.example.org/gap', fetchedAt: T2, lang: null, title: 'Newer' })]);
        await s.store.writePages([page({ url: 'http://blog.example.org/gap', fetchedAt: T1, lang: 'de', title: 'Older' })]);
        const rows = await s.store.all<{ title: string; lang: string; fetched_at: Date }>(`SELECT title, lang, fetched_at FROM pages WHERE url = $1`, ['http://blog.example.org/gap']);
        assert.deepEqual(rows.map((r) => [r.title, r.lang, r.fetched_at.toISOString()]), [['Newer', 'de', T2.toISOString()]]);
        const older = await read();
        assert.equal(older[0]?.fetched_at.toISOString(), T2.toISOString());
      });
    });

    describe('lifecycle', () => {
      let s: OpenedStore;
      before(async () => {
        s = await open();
      });
      after(async () => s.cleanup());

      it('reports a schema version and its dialect', async () => {
        assert.ok((await s.store.schemaVersion()) >= 1);
        assert.ok(s.store.dialect === 'duckdb' || s.store.dialect === 'clickhouse');
      });

      it('refuses nested transactions', async () => {
        await assert.rejects(
          s.store.transaction(async () => s.store.transaction(async () => 1)),
          (err: unknown) => err instanceof CriticalError && err.code === 'INTERNAL',
        );
      });

      it('binds parameters, never splices them: a quote in a value is data', async () => {
        const row = await s.store.one<{ v: string }>(`SELECT $1 AS v`, ["it's -- $2 'quoted'"]);
        assert.equal(row?.v, "it's -- $2 'quoted'");
      });
    });

    describe('reports on the demo web', () => {
      let s: OpenedStore;
      const day1 = generateDemoWeb(DEMO_OPTIONS).truth;
      before(async () => {
        s = await open();
        await writeDay(s.store, day1, DAY1);
      });
      after(async () => s.cleanup());

      it('finds the referring domains the ground truth holds, with their link counts', async () => {
        const target = day1.sites.find((x) => x.role === 'target')?.domain ?? day1.sites[0]!.domain;
        await addTarget(s.store, { value: target });
        const expected = new Map<string, number>();
        const seen = new Set<string>();
        for (const l of liveLinks(day1)) {
          const key = [l.srcUrl, l.dstUrl, l.kind, l.anchor].join('\0');
          if (l.dstDomain !== target || l.srcDomain === target || seen.has(key)) continue;
          seen.add(key);
          expected.set(l.srcDomain, (expected.get(l.srcDomain) ?? 0) + 1);
        }
        const r = await refDomains(s.store, { target, limit: 1000, sort: 'domain' });
        assert.ok(expected.size > 5);
        assert.deepEqual(new Map(r.rows.map((x) => [x.domain, x.links])), new Map([...expected].sort()));
        assert.equal(r.total, expected.size);
      });
    });
  });
}
