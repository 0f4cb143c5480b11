import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addTarget, backlinks, resolveTarget } from '../../src/reports/index.js';
import { clusterLinks } from '../../src/store/index.js';
import { domainPageHeadSql, domainPageLinksSql } from '../../src/reports/internal/backlinks-by-domain-sql.js';
import type { DomainPageHead } from '../../src/reports/internal/backlinks-by-domain-sql.js';
import { backlinkFilterValues, backlinksPageSql } from '../../src/reports/internal/backlinks-sql.js';
import type { BacklinkFilterValues, PageEntry } from '../../src/reports/internal/backlinks-sql.js';
import type { CursorPosition } from '../../src/reports/internal/cursor.js';
import { targetRef } from '../../src/reports/internal/target-ref.js';
import type { TargetRef } from '../../src/reports/types.js';
import { openDemoStore } from './demo-store.js';
import type { DemoStore } from './demo-store.js';

interface Head {
  links?: bigint;
  domains?: bigint;
  page: PageEntry[];
}

type Page = { limit: number; offset: number; after: CursorPosition | null; totals: boolean };

/**
 * The domain-grain page query must return exactly what the general query returns: the same ids in
 * the same order with the same keys, and the same totals, for every filter, order and page
 * position. Authority has few distinct values here, so many domains tie and ties interleave by id.
 */
describe('backlinks page by domain equals the general page query', () => {
  let demo: DemoStore;
  let target: TargetRef;
  before(async () => {
    demo = await openDemoStore(1);
    await addTarget(demo.store, { value: demo.day1.target, name: 'acme' });
    target = targetRef(await resolveTarget(demo.store, 'acme'));
    let i = 0;
    for (const d of demo.day1.domains) {
      i++;
      const authority = i % 7 === 0 ? null : (i * 13) % 5;
      const toxicity = i % 4 === 0 ? null : (i * 7) % 3;
      await demo.store.run(`INSERT INTO domains (domain, authority, toxicity) VALUES ($1, $2, $3)`, [d.domain, authority, toxicity]);
    }
    // Lose a few links so that state filters differ.
    await demo.store.run(`UPDATE links SET lost_at = TIMESTAMP '2026-02-01', lost_reason = 'removed' WHERE id % 9 = 0`);
  });
  after(async () => {
    await demo.cleanup();
  });

  async function both(f: BacklinkFilterValues, page: Page): Promise<[Head, Head]> {
    const general = backlinksPageSql(target, f, page);
    const a = await demo.store.one<Head>(general.sql, general.params);
    const headSql = domainPageHeadSql(target, f, page);
    const head = await demo.store.one<DomainPageHead>(headSql.sql, headSql.params);
    assert.ok(a && head);
    let entries: PageEntry[] = [];
    if (head.sel.length > 0) {
      const linksSql = domainPageLinksSql(target, f, page, head.sel);
      entries = (await demo.store.one<{ page: PageEntry[] }>(linksSql.sql, linksSql.params))?.page ?? [];
      // The one-scan form (full rows, for kept domains with few links) pages the same links.
      const rowsSql = domainPageLinksSql(target, f, page, head.sel, true);
      const rows = await demo.store.all<{ id: bigint; k: unknown; src_url: string }>(rowsSql.sql, rowsSql.params);
      assert.deepEqual(rows.map((r) => [Number(r.id), r.k]), entries.map((e) => [Number(e.id), e.k]), 'one scan');
      assert.ok(rows.every((r) => typeof r.src_url === 'string'));
    }
    return [a, { links: head.links, domains: head.domains, page: entries }];
  }

  const simplify = (h: Head) => ({ links: h.links === undefined ? undefined : Number(h.links), domains: h.domains === undefined ? undefined : Number(h.domains), page: h.page.map((e) => [Number(e.id), e.k]) });

  const variants: Partial<BacklinkFilterValues>[] = [
    {},
    { rel: ['follow'] },
    { onePerDomain: true },
    { minAuthority: 2 },
    { maxToxicity: 1, state: 'all' },
    { state: 'lost' },
    { rel: ['nofollow', 'ugc'], onePerDomain: true, order: 'asc' },
  ];

  for (const sort of ['authority', 'toxicity'] as const) {
    for (const order of ['desc', 'asc'] as const) {
      for (const v of variants) {
        const f = backlinkFilterValues({ target: 'acme', state: 'live', onePerDomain: false, sort, order, ...v } as BacklinkFilterValues);
        it(`${sort} ${f.order} ${JSON.stringify(v)}: offsets and a cursor walk agree`, async () => {
          const [whole] = await both(f, { limit: 10_000, offset: 0, after: null, totals: true });
          assert.ok(whole.page.length > 0, 'the variant matches some links');
          for (const offset of [0, 11, 40]) {
            const [a, b] = await both(f, { limit: 7, offset, after: null, totals: true });
            assert.deepEqual(simplify(b), simplify(a), `offset ${offset}`);
          }
          let after: CursorPosition | null = null;
          const walked: number[] = [];
          for (let guard = 0; guard < 1000; guard++) {
            const [a, b] = await both(f, { limit: 20, offset: 0, after, totals: false });
            assert.deepEqual(simplify(b), simplify(a), `after ${JSON.stringify(after)}`);
            if (b.page.length === 0) break;
            walked.push(...b.page.map((e) => Number(e.id)));
            const last = b.page[b.page.length - 1]!;
            after = { key: last.k as number, id: Number(last.id) };
          }
          assert.deepEqual(walked, whole.page.map((e) => Number(e.id)));
        });
      }
    }
  }
});

describe('backlinks after vouch optimize', () => {
  it('returns the same pages before clustering, after it, and with links appended since', async () => {
    const demo = await openDemoStore(1);
    try {
      await addTarget(demo.store, { value: demo.day1.target, name: 'acme' });
      let i = 0;
      for (const d of demo.day1.domains) await demo.store.run(`INSERT INTO domains (domain, authority) VALUES ($1, $2)`, [d.domain, (++i * 17) % 23]);
      const snapshot = async () => {
        const out: unknown[] = [];
        for (const sort of ['authority', 'firstSeen'] as const) {
          const r = await backlinks(demo.store, { target: 'acme', sort, limit: 15, offset: 5 });
          out.push(r.total, r.refDomains, r.rows.map((x) => [x.id, x.sourceUrl, x.anchor, x.authority]));
        }
        return out;
      };
      const before = await snapshot();
      assert.equal((await clusterLinks(demo.store, { minLinks: 0 })).clustered, true);
      assert.deepEqual(await snapshot(), before, 'clustered');
      // A newer crawl's link from the best-ranked domain lands on page 1 after the rewrite.
      const best = await demo.store.one<{ domain: string }>(
        `SELECT l.src_domain AS domain FROM links l JOIN domains d ON d.domain = l.src_domain WHERE l.dst_domain = $1 AND l.src_domain <> l.dst_domain ORDER BY d.authority DESC LIMIT 1`,
        [demo.day1.target],
      );
      assert.ok(best);
      const at = new Date('2026-03-01T00:00:00Z');
      await demo.store.writeLinks([{
        srcUrl: `http://${best.domain}/appended`, dstUrl: `http://${demo.day1.target}/`, srcHost: best.domain, srcDomain: best.domain, dstHost: demo.day1.target,
        dstDomain: demo.day1.target, kind: 'a', anchor: 'appended', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main',
        context: '', hidden: false, httpStatus: null, firstSeen: at, lastSeen: at, source: 'crawl',
      }]);
      const top = await backlinks(demo.store, { target: 'acme', sort: 'authority', limit: 500 });
      assert.ok(top.rows.some((r) => r.anchor === 'appended'));
      assert.equal(top.rows.filter((r) => r.anchor === 'appended')[0]?.sourceUrl, `http://${best.domain}/appended`);
      assert.equal(new Set(top.rows.map((r) => r.id)).size, top.rows.length);
    } finally {
      await demo.cleanup();
    }
  });
});
