import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, ValidationError } from '../../src/core/errors.js';
import { addTarget, backlinks, exportBacklinks, refDomains } from '../../src/reports/index.js';
import type { BacklinkRow } from '../../src/reports/index.js';
import { DAY1, liveLinks, openDemoStore } from './demo-store.js';
import type { DemoStore } from './demo-store.js';

/** A deterministic authority for some domains; the PBN and farm stay unranked (NULL). */
function authorityOf(domain: string, role: string): number | null {
  if (role === 'pbn' || role === 'farm') return null;
  let h = 0;
  for (const c of domain) h = (h * 31 + c.charCodeAt(0)) % 101;
  return h;
}

describe('backlinks report', () => {
  let demo: DemoStore;
  before(async () => {
    demo = await openDemoStore(1);
    await addTarget(demo.store, { value: demo.day1.target, name: 'acme' });
    for (const d of demo.day1.domains) {
      await demo.store.run(`INSERT INTO domains (domain, authority, toxicity) VALUES ($1, $2, $3)`, [d.domain, authorityOf(d.domain, d.role), d.class === 'legit' ? 5 : 80]);
    }
  });
  after(async () => {
    await demo.cleanup();
  });

  it('sorts by authority, unranked domains last, in both directions', async () => {
    for (const order of ['desc', 'asc'] as const) {
      const r = await backlinks(demo.store, { target: 'acme', sort: 'authority', order, limit: 1000 });
      const values = r.rows.map((x) => x.authority);
      const known = values.filter((v): v is number => v !== null);
      assert.ok(values.slice(known.length).every((v) => v === null), 'nulls last');
      for (let i = 1; i < known.length; i++) assert.ok(order === 'desc' ? known[i - 1]! >= known[i]! : known[i - 1]! <= known[i]!);
      assert.ok(values.some((v) => v === null) && known.length > 0);
    }
  });

  it('pages with a cursor and with offsets give the same rows, each once', async () => {
    for (const sort of ['authority', 'firstSeen', 'anchor', 'sourceUrl'] as const) {
      const all = await backlinks(demo.store, { target: 'acme', sort, limit: 1000 });
      const byCursor: BacklinkRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await backlinks(demo.store, { target: 'acme', sort, limit: 25, cursor });
        byCursor.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(byCursor.map((r) => r.id), all.rows.map((r) => r.id), sort);
      const second = await backlinks(demo.store, { target: 'acme', sort, limit: 25, offset: 25 });
      assert.deepEqual(second.rows.map((r) => r.id), all.rows.slice(25, 50).map((r) => r.id));
      assert.equal(new Set(byCursor.map((r) => r.id)).size, byCursor.length);
    }
  });

  it('applies each filter', async () => {
    const live = liveLinks(demo.day1).filter((l) => l.dstDomain === demo.day1.target && l.srcDomain !== demo.day1.target);
    const follow = await backlinks(demo.store, { target: 'acme', rel: ['follow'], limit: 1000 });
    assert.equal(follow.total, live.filter((l) => !(l.nofollow || l.ugc || l.sponsored || l.metaNofollow)).length);
    const nofollowOrSponsored = await backlinks(demo.store, { target: 'acme', rel: 'nofollow,sponsored' });
    assert.equal(nofollowOrSponsored.total, live.filter((l) => l.nofollow || l.metaNofollow || l.sponsored).length);
    const footer = await backlinks(demo.store, { target: 'acme', position: 'footer' });
    assert.equal(footer.total, live.filter((l) => l.position === 'footer').length);
    const anchor = await backlinks(demo.store, { target: 'acme', anchor: 'WIDGETS' });
    assert.equal(anchor.total, live.filter((l) => l.anchor.toLowerCase().includes('widgets')).length);
    const source = live[0]!.srcDomain;
    const fromOne = await backlinks(demo.store, { target: 'acme', sourceDomain: source });
    assert.equal(fromOne.total, live.filter((l) => l.srcDomain === source).length);
    const strong = await backlinks(demo.store, { target: 'acme', minAuthority: 50, limit: 1000 });
    assert.ok(strong.rows.every((r) => r.authority !== null && r.authority >= 50));
    const clean = await backlinks(demo.store, { target: 'acme', maxToxicity: 10, limit: 1000 });
    assert.ok(clean.total > 0 && clean.rows.every((r) => r.toxicity === null || r.toxicity <= 10));
    const seenDay1 = await backlinks(demo.store, { target: 'acme', firstSeenFrom: '2026-03-02', firstSeenTo: '2026-03-02' });
    assert.equal(seenDay1.total, live.length, 'a bare `to` date includes that whole day');
    const before = await backlinks(demo.store, { target: 'acme', lastSeenTo: '2026-03-01' });
    assert.equal(before.total, 0);
    const exact = await backlinks(demo.store, { target: 'acme', firstSeenFrom: DAY1.toISOString(), firstSeenTo: DAY1.toISOString() });
    assert.equal(exact.total, live.length, 'a date-time `to` is inclusive');
    const lost = await backlinks(demo.store, { target: 'acme', state: 'lost' });
    assert.equal(lost.total, 0);
  });

  it('exports every matching link in batches, in report order', async () => {
    const all = await backlinks(demo.store, { target: 'acme', rel: 'follow', limit: 1000 });
    const out = await exportBacklinks(demo.store, { target: 'acme', rel: 'follow' }, { batchSize: 9 });
    const ids: number[] = [];
    for await (const batch of out.batches) {
      assert.ok(batch.length <= 9);
      ids.push(...batch.map((r) => r.id));
    }
    assert.deepEqual(ids, all.rows.map((r) => r.id));
  });

  it('rejects bad parameters with a ValidationError naming them', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ rel: 'dofollow' }, 'rel'],
      [{ kind: 'a,script' }, 'kind'],
      [{ state: 'dead' }, 'state'],
      [{ sort: 'pagerank' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ minAuthority: 101 }, 'minAuthority'],
      [{ maxToxicity: 'high' }, 'maxToxicity'],
      [{ firstSeenFrom: '2026-02-30' }, 'firstSeenFrom'],
      [{ lastSeenTo: 'yesterday' }, 'lastSeenTo'],
      [{ onePerDomain: 'maybe' }, 'onePerDomain'],
      [{ position: 'sidebar' }, 'position'],
      [{ cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      [{ anchor: '' }, 'anchor'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [extra, name] of cases) {
      await assert.rejects(backlinks(demo.store, { target: 'acme', ...extra } as never), (err: unknown) => {
        assert.ok(err instanceof ValidationError, `${name}: ${String(err)}`);
        assert.equal(err.code, 'INVALID_INPUT');
        assert.ok(err.issues.some((i) => i.where === name), `${name}: ${JSON.stringify(err.issues)}`);
        return true;
      });
    }
  });

  it('refuses a cursor from another query, and cursor with offset', async () => {
    const page = await backlinks(demo.store, { target: 'acme', sort: 'firstSeen', limit: 2 });
    assert.ok(page.nextCursor);
    await assert.rejects(backlinks(demo.store, { target: 'acme', sort: 'firstSeen', rel: 'follow', cursor: page.nextCursor }), ValidationError);
    await assert.rejects(backlinks(demo.store, { target: 'acme', sort: 'anchor', cursor: page.nextCursor }), ValidationError);
    await assert.rejects(backlinks(demo.store, { target: 'acme', sort: 'firstSeen', cursor: page.nextCursor, offset: 2 }), ValidationError);
  });

  it('unknown targets are NOT_FOUND', async () => {
    await assert.rejects(backlinks(demo.store, { target: 'nope.example' }), NotFoundError);
    await assert.rejects(refDomains(demo.store, { target: '424242' }), NotFoundError);
  });

  it('treats SQL-injection strings as plain values', async () => {
    const evil = ["' OR 1=1 --", "acme'; DROP TABLE links; --", '"); DELETE FROM links; --', '%', '_', '\\', "' UNION SELECT * FROM api_tokens --"];
    for (const s of evil) {
      const r = await backlinks(demo.store, { target: 'acme', anchor: s, sourceDomain: s });
      assert.equal(r.total, 0, s);
      await assert.rejects(backlinks(demo.store, { target: s }), NotFoundError);
    }
    const count = await demo.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links`);
    assert.ok(Number(count?.n) > 0);
  });
});
