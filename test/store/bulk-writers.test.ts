import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LinkRecord, PageRecord } from '../../src/core/types.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function link(over: Partial<LinkRecord> = {}): LinkRecord {
  return {
    srcUrl: 'http://blog.example.org/post', dstUrl: 'http://shop.test/', srcHost: 'blog.example.org', srcDomain: 'example.org',
    dstHost: 'shop.test', dstDomain: 'shop.test', kind: 'a', anchor: 'great shop', nofollow: false, ugc: false, sponsored: false,
    metaNofollow: false, position: 'main', context: 'read about the great shop here', hidden: false, httpStatus: null,
    firstSeen: new Date('2026-01-02T00:00:00Z'), lastSeen: new Date('2026-01-02T00:00:00Z'), source: 'crawl', ...over,
  };
}

function page(over: Partial<PageRecord> = {}): PageRecord {
  return {
    url: 'http://blog.example.org/post', host: 'blog.example.org', domain: 'example.org', ip: '127.0.0.2',
    fetchedAt: new Date('2026-01-02T00:00:00Z'), status: 200, contentType: 'text/html', bytes: 1234, title: 'Post', lang: 'en',
    canonical: null, noindex: false, nofollow: false, xRobots: null, outlinks: 3, contentHash: 'abc', source: 'crawl', error: null, depth: 1, ...over,
  };
}

describe('bulk writers', () => {
  const tmp = makeTempDir();
  let store: DuckDbStore;
  before(async () => {
    store = await openStore({ dataDir: tmp.dir });
  });
  after(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('inserts new links once, dedupes within a batch and writes one `new` event each', async () => {
    const r = await store.writeLinks([link(), link(), link({ anchor: 'other' }), link({ kind: 'img', anchor: '' })]);
    assert.deepEqual(r, { inserted: 3, updated: 0, recovered: 0 });
    const events = await store.all<{ event: string }>(`SELECT event FROM link_events`);
    assert.deepEqual(events.map((e) => e.event), ['new', 'new', 'new']);
  });

  it('keeps the earliest first_seen and the latest last_seen on re-observation', async () => {
    const r = await store.writeLinks([
      link({ firstSeen: new Date('2025-12-01T00:00:00Z'), lastSeen: new Date('2025-12-01T00:00:00Z'), source: 'import:ahrefs', nofollow: true }),
      link({ firstSeen: new Date('2026-02-01T00:00:00Z'), lastSeen: new Date('2026-02-01T00:00:00Z') }),
    ]);
    assert.equal(r.inserted, 0);
    assert.equal(r.updated, 1);
    const row = await store.one<{ first_seen: Date; last_seen: Date; nofollow: boolean; n: bigint }>(
      `SELECT first_seen, last_seen, nofollow, (SELECT count(*) FROM links) AS n FROM links WHERE anchor = 'great shop'`,
    );
    assert.equal(row?.first_seen.toISOString(), '2025-12-01T00:00:00.000Z');
    assert.equal(row?.last_seen.toISOString(), '2026-02-01T00:00:00.000Z');
    assert.equal(row?.nofollow, false, 'an import does not overwrite what the crawl saw');
    assert.equal(row?.n, 3n);
  });

  it('a newer crawl observation updates the attributes', async () => {
    await store.writeLinks([link({ lastSeen: new Date('2026-03-01T00:00:00Z'), nofollow: true, position: 'footer' })]);
    const row = await store.one<{ nofollow: boolean; position: string }>(`SELECT nofollow, position FROM links WHERE anchor = 'great shop'`);
    assert.deepEqual({ ...row }, { nofollow: true, position: 'footer' });
  });

  it('marks a lost link recovered when it is seen after it was lost', async () => {
    await store.run(`UPDATE links SET lost_at = $1, lost_reason = 'link-removed' WHERE anchor = 'other'`, [new Date('2026-03-05T00:00:00Z')]);
    const r = await store.writeLinks([link({ anchor: 'other', lastSeen: new Date('2026-03-10T00:00:00Z') })]);
    assert.equal(r.recovered, 1);
    const row = await store.one<{ lost_at: Date | null; lost_reason: string | null }>(`SELECT lost_at, lost_reason FROM links WHERE anchor = 'other'`);
    assert.deepEqual({ ...row }, { lost_at: null, lost_reason: null });
    const ev = await store.one<{ event: string }>(`SELECT event FROM link_events ORDER BY id DESC LIMIT 1`);
    assert.equal(ev?.event, 'recovered');
  });

  it('rolls back a failed batch and keeps what was stored', async () => {
    const before = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links`);
    const bad = link({ anchor: 'bad' });
    (bad as { srcUrl: unknown }).srcUrl = null;
    await assert.rejects(store.writeLinks([link({ anchor: 'fine' }), bad]));
    const afterRow = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links`);
    assert.equal(afterRow?.n, before?.n);
  });

  it('upserts pages by URL and keeps the rank columns', async () => {
    assert.equal(await store.writePages([page(), page({ url: 'http://blog.example.org/' })]), 2);
    await store.run(`UPDATE pages SET page_rank = 0.5 WHERE url = 'http://blog.example.org/post'`);
    await store.writePages([page({ status: 404, fetchedAt: new Date('2026-04-01T00:00:00Z') })]);
    const row = await store.one<{ status: number; page_rank: number; n: bigint }>(
      `SELECT status, page_rank, (SELECT count(*) FROM pages) AS n FROM pages WHERE url = 'http://blog.example.org/post'`,
    );
    assert.deepEqual({ ...row }, { status: 404, page_rank: 0.5, n: 2n });
  });

  it('a record of the same capture fills gaps without erasing; an older capture never overwrites', async () => {
    const at = new Date('2026-06-01T00:00:00Z');
    const url = 'http://wat.example.org/a';
    await store.writePages([page({ url, fetchedAt: at, title: 'From the WARC', lang: 'en', canonical: null })]);
    // The WAT of the same capture: no title or lang in it, but a canonical.
    await store.writePages([page({ url, fetchedAt: at, title: null, lang: null, canonical: 'http://wat.example.org/' })]);
    // An older archive of the page, ingested later.
    await store.writePages([page({ url, fetchedAt: new Date('2025-01-01T00:00:00Z'), title: 'Old title', status: 500 })]);
    const row = await store.one(`SELECT title, lang, canonical, status, fetched_at FROM pages WHERE url = $1`, [url]);
    assert.deepEqual({ ...row }, { title: 'From the WARC', lang: 'en', canonical: 'http://wat.example.org/', status: 200, fetched_at: at });
  });

  it('writes a large batch through the Appender', async () => {
    const many: LinkRecord[] = [];
    for (let i = 0; i < 20_000; i++) many.push(link({ srcUrl: `http://farm.test/p${i}`, srcHost: 'farm.test', srcDomain: 'farm.test' }));
    const r = await store.writeLinks(many);
    assert.equal(r.inserted, 20_000);
    const again = await store.writeLinks(many);
    assert.deepEqual(again, { inserted: 0, updated: 20_000, recovered: 0 });
  });
});

describe('one store, many callers', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  it('a statement from elsewhere waits for an open transaction instead of running inside it', async () => {
    const store = await openStore({ dataDir: tmp.dir });
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const tx = store.transaction(async () => {
        await store.run(`INSERT INTO targets (name, value, scope, own, created_at) VALUES ('inside', 'a.test', 'domain', true, now()::TIMESTAMP)`);
        await gate;
        throw new Error('roll back');
      });
      // Issued while the transaction is open: it must neither fail nor see the uncommitted row.
      const read = store.all<{ name: string }>(`SELECT name FROM targets`);
      const write = store.run(`INSERT INTO targets (name, value, scope, own, created_at) VALUES ('outside', 'b.test', 'domain', true, now()::TIMESTAMP)`);
      release();
      await assert.rejects(tx, /roll back/);
      // The read and the write go to the database concurrently once the transaction ends, so the
      // read may or may not see the committed 'outside' row; it must never see the rolled-back one.
      assert.deepEqual((await read).filter((r) => r.name !== 'outside'), []);
      await write;
      assert.deepEqual((await store.all<{ name: string }>(`SELECT name FROM targets`)).map((r) => r.name), ['outside']);
      // Two transactions from different callers run one after the other.
      await Promise.all([1, 2].map((i) => store.transaction(() => store.run(`INSERT INTO targets (name, value, scope, own, created_at) VALUES ($1, 'c.test', 'domain', true, now()::TIMESTAMP)`, [`t${i}`]))));
      assert.equal((await store.all(`SELECT name FROM targets`)).length, 3);
    } finally {
      await store.close();
    }
  });
});
