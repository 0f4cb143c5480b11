/**
 * The reports give the same answers on both adapters: the demo web's two days written into a DuckDB
 * store and into a ClickHouse store (chdb), then each ported report compared field by field. Link
 * ids differ by design (a sequence on DuckDB, a hash on ClickHouse), so rows are compared without
 * them, and where a sort has ties (broken by id) as sorted sets.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, ValidationError } from '../../../src/core/errors.js';
import { generateDemoWeb } from '../../../src/demo/index.js';
import { addTarget, anchors, backlinkHistory, backlinks, bestPages, brokenBacklinks, exportBacklinks, linkIntersect, outlinks, refDomains, targetSummary } from '../../../src/reports/index.js';
import { openStore, storeSummary } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/index.js';
import { DAY1, DAY2, DEMO_OPTIONS, applyDayTwo, writeDay } from '../../reports/demo-store.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from './chdb-store.js';
import type { OpenedStore } from './store-contract.js';

/** A report's answer without link ids and cursors (which embed ids). */
function strip<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'id' || k === 'nextCursor' ? undefined : v)));
}

function rowKey(r: { sourceUrl: string; targetUrl: string; kind: string; anchor: string }): string {
  return [r.sourceUrl, r.targetUrl, r.kind, r.anchor].join(' ');
}

describe('reports give the same answers on DuckDB and ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-parity-');
  const day1 = generateDemoWeb(DEMO_OPTIONS).truth;
  const day2 = generateDemoWeb({ ...DEMO_OPTIONS, day: 2 }).truth;
  const target = day1.sites.find((s) => s.role === 'target')!.domain;
  const rivals = [...new Set(day1.sites.filter((s) => s.role === 'competitor').map((s) => s.domain))];
  let duck: Store;
  let ch: OpenedStore;

  async function fill(store: Store): Promise<void> {
    await writeDay(store, day1, DAY1);
    await applyDayTwo(store, day2, DAY2);
    await addTarget(store, { value: target, brand: ['acme'] });
    for (const r of rivals) await addTarget(store, { value: r, competitor: true });
    // A ranked domain, so that authority filters and sorts have values to work on.
    const ranked = [...new Set(day1.sites.filter((s) => s.role !== 'target').map((s) => s.domain))].slice(0, 6);
    for (const [i, domain] of ranked.entries()) {
      const table = store.dialect === 'clickhouse' ? 'domains_data' : 'domains';
      await store.run(`INSERT INTO ${table} (domain, hosts, pages, authority) VALUES ($1, 1, 1, $2)`, [domain, 10 + i * 7.5]);
    }
  }

  before(async () => {
    duck = await openStore({ dataDir: tmp.dir });
    ch = await openChdbStore();
    await fill(duck);
    await fill(ch.store);
  });
  after(async () => {
    await duck.close();
    await ch.cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('has competitors in the demo web to intersect', () => {
    assert.ok(rivals.length >= 2);
  });

  const same = async <T>(run: (s: Store) => Promise<T>): Promise<T> => {
    const a = await run(duck);
    const b = await run(ch.store);
    assert.deepEqual(strip(b), strip(a));
    return a;
  };

  it('refdomains: every state, sort and filter', async () => {
    const all = await same((s) => refDomains(s, { target, state: 'all', limit: 1000 }));
    assert.ok(all.total > 5 && all.rows.some((r) => r.liveLinks < r.links), 'day 2 must leave some link lost');
    await same((s) => refDomains(s, { target, state: 'lost' }));
    await same((s) => refDomains(s, { target, sort: 'authority', order: 'desc', minAuthority: 15 }));
    await same((s) => refDomains(s, { target, sort: 'domain', search: 'a', limit: 3, offset: 2 }));
    await same((s) => refDomains(s, { target, sort: 'firstSeen', firstSeenFrom: DAY2.toISOString(), state: 'all' }));
  });

  it('backlinks: totals, filters and the same rows page after page', async () => {
    for (const query of [
      { target, limit: 1000 },
      { target, state: 'all' as const, limit: 1000 },
      { target, rel: ['nofollow' as const], limit: 1000 },
      { target, anchor: 'widget', kind: ['a' as const], limit: 1000 },
      { target, onePerDomain: true, limit: 1000 },
    ]) {
      const a = await backlinks(duck, query);
      const b = await backlinks(ch.store, query);
      assert.equal(b.total, a.total);
      assert.equal(b.refDomains, a.refDomains);
      const sorted = (rows: typeof a.rows): unknown => strip([...rows].sort((x, y) => rowKey(x).localeCompare(rowKey(y))));
      if (query.onePerDomain) assert.deepEqual(b.rows.map((r) => r.sourceDomain).sort(), a.rows.map((r) => r.sourceDomain).sort());
      else assert.deepEqual(sorted(b.rows), sorted(a.rows));
    }
    // Keyset paging by a unique key walks the same sequence on both.
    const walk = async (s: Store): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await backlinks(s, { target, sort: 'authority', order: 'desc', limit: 15, cursor });
        seen.push(...page.rows.map((r) => `${r.authority ?? '-'} ${rowKey(r)}`));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    // Ties in the key (unranked domains) are broken by link id, which differs between adapters:
    // the keys come in the same order, and the pages together hold the same links, each once.
    const [a, b] = [await walk(duck), await walk(ch.store)];
    assert.ok(a.length > 20);
    assert.deepEqual(b.map((x) => x.split(' ')[0]), a.map((x) => x.split(' ')[0]));
    assert.deepEqual([...b].sort(), [...a].sort());
  });

  it('anchors: the same profile, classes and warning', async () => {
    await same((s) => anchors(s, { target, limit: 1000 }));
    await same((s) => anchors(s, { target, state: 'all', rel: ['follow'], sort: 'anchor' }));
  });

  it('link intersect: the same gap domains', async () => {
    const r = await same((s) => linkIntersect(s, { target, competitor: rivals, min: 1, limit: 1000 }));
    assert.ok(r.total > 0);
    await same((s) => linkIntersect(s, { target, competitor: rivals, min: 2, sort: 'domain' }));
  });

  it('history: the same days and weeks', async () => {
    const r = await same((s) => backlinkHistory(s, { target }));
    assert.ok(r.rows.some((x) => x.lostBacklinks > 0));
    await same((s) => backlinkHistory(s, { target, interval: 'week', from: '2026-02-20' }));
  });

  it('best pages: every filter, sort and page, with the crawl status of each page', async () => {
    const all = await same((s) => bestPages(s, { target, limit: 1000 }));
    assert.ok(all.total > 5 && all.rows.some((r) => r.broken), 'the demo target has pages answering 4xx with links');
    await same((s) => bestPages(s, { target, rel: ['follow'], minRefDomains: 2, sort: 'backlinks' }));
    await same((s) => bestPages(s, { target, crawlStatus: ['client-error', 'unknown'], sort: 'url', order: 'asc' }));
    await same((s) => bestPages(s, { target, sort: 'status', limit: 3, offset: 2 }));
    await same((s) => bestPages(s, { target, sort: 'firstSeen', offset: 10_000 }));
  });

  it('broken backlinks: the same links to reclaim, totals and pages', async () => {
    // Ties in every sort key but the last are broken by link id: compare rows as sets, in key order.
    const cmp = async (query: Parameters<typeof brokenBacklinks>[1]): Promise<Awaited<ReturnType<typeof brokenBacklinks>>> => {
      const [a, b] = [await brokenBacklinks(duck, query), await brokenBacklinks(ch.store, query)];
      assert.deepEqual(strip({ ...b, rows: [] }), strip({ ...a, rows: [] }));
      const sorted = (rows: typeof a.rows): unknown => strip([...rows].sort((x, y) => rowKey(x).localeCompare(rowKey(y))));
      assert.deepEqual(sorted(b.rows), sorted(a.rows));
      assert.deepEqual(b.rows.map((r) => `${r.authority} ${r.targetUrl} ${r.sourceUrl}`), a.rows.map((r) => `${r.authority} ${r.targetUrl} ${r.sourceUrl}`));
      return a;
    };
    const all = await cmp({ target, limit: 1000 });
    assert.ok(all.total > 0 && all.pages > 0 && all.refDomains > 0);
    await cmp({ target, statusClass: ['4xx'], rel: ['follow', 'ugc'], sort: 'targetUrl', order: 'asc', limit: 1000 });
    await cmp({ target, minAuthority: 15, limit: 1000 });
    const one = await cmp({ target, onePerDomain: true, limit: 1000 });
    assert.equal(one.total, one.refDomains);
    await cmp({ target, offset: 10_000 });
  });

  it('outlinks: the same domains and links back, for a target and for any site', async () => {
    const sites = [target, ...rivals, ...new Set(day1.sites.filter((s) => s.role !== 'target').map((s) => s.domain))];
    let reciprocal = 0;
    for (const site of sites) {
      const r = await same((s) => outlinks(s, { site, limit: 1000 }));
      reciprocal += r.rows.filter((x) => x.reciprocal).length;
    }
    assert.ok(reciprocal > 0, 'some demo site links back');
    await same((s) => outlinks(s, { site: target, reciprocal: false, rel: ['follow'], sort: 'authority' }));
    await same((s) => outlinks(s, { site: sites[4]!, reciprocal: true, minLinks: 1, sort: 'domain', order: 'asc', limit: 2, offset: 1 }));
  });

  it('target summary: the same totals, rel classes and bands', async () => {
    const r = await same((s) => targetSummary(s, { target }));
    assert.ok(r.backlinks > 0 && r.authorityBands.some((x) => x.refDomains > 0));
    for (const rival of rivals) await same((s) => targetSummary(s, { target: rival }));
  });

  it('export: the same links, batch after batch', async () => {
    const rows = async (s: Store): Promise<string[]> => {
      const out: string[] = [];
      const sizes: number[] = [];
      for await (const batch of (await exportBacklinks(s, { target, state: 'all', sort: 'firstSeen' }, { batchSize: 40 })).batches) {
        sizes.push(batch.length);
        out.push(...batch.map((r) => `${r.firstSeen.toISOString()} ${rowKey(r)} ${r.lostAt?.toISOString() ?? '-'}`));
      }
      assert.ok(sizes.length > 2 && sizes.slice(0, -1).every((n) => n === 40), `batches of 40 (${sizes.join(',')})`);
      return out;
    };
    const [a, b] = [await rows(duck), await rows(ch.store)];
    assert.equal(new Set(b).size, b.length, 'each link once');
    assert.deepEqual(b.map((x) => x.split(' ')[0]), a.map((x) => x.split(' ')[0]));
    assert.deepEqual([...b].sort(), [...a].sort());
  });

  it('store summary: counts of the tables both stores hold', async () => {
    const [a, b] = [await storeSummary(duck), await storeSummary(ch.store)];
    for (const t of ['pages', 'links', 'link_events', 'hosts', 'domains', 'targets']) assert.equal(b.tables[t], a.tables[t], t);
    assert.ok(a.tables.links! > 100);
    assert.equal(b.schemaVersion, await ch.store.schemaVersion());
  });

  it('refuses an unknown target or a bad parameter the same way on both stores', async () => {
    for (const s of [duck, ch.store]) {
      const notFound = (err: unknown): boolean => err instanceof NotFoundError;
      await assert.rejects(bestPages(s, { target: 'nowhere.test' }), notFound);
      await assert.rejects(brokenBacklinks(s, { target: 'nowhere.test' }), notFound);
      await assert.rejects(targetSummary(s, { target: 'nowhere.test' }), notFound);
      await assert.rejects(exportBacklinks(s, { target: 'nowhere.test' }), notFound);
      await assert.rejects(outlinks(s, { site: 'not a site' }), notFound);
      const invalid = (err: unknown): boolean => err instanceof ValidationError;
      await assert.rejects(bestPages(s, { target, sort: 'authority' as never }), invalid);
      await assert.rejects(brokenBacklinks(s, { target, statusClass: ['3xx' as never] }), invalid);
      await assert.rejects(outlinks(s, { site: target, limit: 0 }), invalid);
    }
    // A site that is no target but a well-formed host: an empty report, not an error, on both.
    await same((s) => outlinks(s, { site: 'nowhere.test' }));
  });
});
