/**
 * The link rollup answers anchors and the backlinks head exactly as the links table does, and only
 * while it is current: each kind of link write (upsert, lost mark, clustering) sends the reports back
 * to the links table until the rollup is rebuilt. Run on a real DuckDB store filled with the demo
 * web's day 1 and day 2 by the store's own writers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditTarget } from '../../src/audit/index.js';
import { rankStore } from '../../src/graph/index.js';
import { markLinksLost } from '../../src/ingest/internal/mark-links-lost.js';
import { addTarget, anchors, backlinks } from '../../src/reports/index.js';
import type { AnchorsQuery, BacklinksQuery } from '../../src/reports/index.js';
import { buildLinkRollup, clusterLinks, linkRollupStatus } from '../../src/store/index.js';
import { DAY1, DAY2, linkRecord, openDemoStore, writeDay } from './demo-store.js';
import type { DemoStore } from './demo-store.js';

const ANCHOR_QUERIES: AnchorsQuery[] = [
  { target: 'acme' },
  { target: 'acme', state: 'all' },
  { target: 'acme', state: 'lost' },
  { target: 'acme', rel: ['follow'] },
  { target: 'acme', rel: ['follow'], state: 'all', sort: 'links', order: 'asc', limit: 5, offset: 2 },
];

const BACKLINK_QUERIES: BacklinksQuery[] = [
  { target: 'acme' },
  { target: 'acme', rel: ['follow'], limit: 7 },
  { target: 'acme', state: 'all', onePerDomain: true },
  { target: 'acme', state: 'lost', order: 'asc' },
  { target: 'acme', minAuthority: 2, limit: 3, offset: 4 },
  { target: 'acme', sort: 'toxicity', maxToxicity: 1, rel: ['follow'], state: 'all' },
];

/** Queries the rollup cannot express: always the links table. */
const LIVE_ONLY: { anchors: AnchorsQuery; backlinks: BacklinksQuery[] } = {
  anchors: { target: 'acme', rel: ['nofollow'] },
  backlinks: [
    { target: 'acme', kind: ['a'] },
    { target: 'acme', rel: ['follow', 'ugc'] },
    { target: 'acme', sort: 'firstSeen' },
  ],
};

type Answer = { source: string };
const strip = <T extends Answer>(r: T): Omit<T, 'source'> => {
  const { source: _source, ...rest } = r;
  return rest;
};

describe('link rollup: exact, and used only while current', () => {
  let demo: DemoStore;
  let domain: string;

  async function answers(): Promise<Answer[]> {
    const out: Answer[] = [];
    for (const q of ANCHOR_QUERIES) out.push(await anchors(demo.store, q));
    for (const q of BACKLINK_QUERIES) out.push(await backlinks(demo.store, q));
    return out;
  }

  /** Every report from the links table now, then from a freshly built rollup: the same rows. */
  async function assertRollupEqualsLinks(): Promise<Awaited<ReturnType<typeof buildLinkRollup>>> {
    const live = await answers();
    for (const a of live) assert.equal(a.source, 'links');
    const built = await buildLinkRollup(demo.store);
    assert.equal((await linkRollupStatus(demo.store)).current, true);
    const rolled = await answers();
    for (const a of rolled) assert.equal(a.source, 'rollup');
    assert.deepEqual(rolled.map(strip), live.map(strip));
    return built;
  }

  /** Every report from the links table with the rollup's counts current: the rollup set aside for the call. */
  async function liveAnswers(): Promise<Answer[]> {
    const { rollup_epoch: stamp } = (await demo.store.one<{ rollup_epoch: bigint }>(`SELECT rollup_epoch FROM link_rollup_state`))!;
    await demo.store.run(`UPDATE link_rollup_state SET rollup_epoch = NULL`);
    try {
      return await answers();
    } finally {
      await demo.store.run(`UPDATE link_rollup_state SET rollup_epoch = $1`, [stamp]);
    }
  }

  /** Authority and toxicity of the source domains, as the rollup copied them and as they are now. */
  async function copiedMetricsDiffer(): Promise<number> {
    const r = await demo.store.one<{ n: bigint }>(`SELECT count(*) AS n FROM link_rollup_domains r LEFT JOIN domains d ON d.domain = r.src_domain
      WHERE r.authority IS DISTINCT FROM d.authority OR r.toxicity IS DISTINCT FROM d.toxicity`);
    return Number(r?.n ?? 0);
  }

  before(async () => {
    demo = await openDemoStore(1);
    domain = demo.day1.target;
    await addTarget(demo.store, { value: domain, name: 'acme', scope: 'domain' });
    let i = 0;
    for (const d of demo.day1.domains) {
      i++;
      // Few distinct values, so that domains tie on the sort key and ties break by link id.
      await demo.store.run(`INSERT INTO domains (domain, authority, toxicity) VALUES ($1, $2, $3)`, [d.domain, i % 6 === 0 ? null : (i * 13) % 5, i % 4 === 0 ? null : (i * 7) % 3]);
    }
  });
  after(async () => {
    await demo.cleanup();
  });

  it('is not current before the first build', async () => {
    assert.deepEqual(await linkRollupStatus(demo.store), { current: false, metricsCurrent: false, builtAt: null });
    assert.equal((await anchors(demo.store, { target: 'acme' })).source, 'links');
  });

  it('gives exactly the rows of the links table after optimize', async () => {
    const result = await assertRollupEqualsLinks();
    assert.ok(result.domainRows > 0 && result.anchorRows > 0);
    assert.ok((await backlinks(demo.store, { target: 'acme' })).total > 0);
    assert.ok((await anchors(demo.store, { target: 'acme', state: 'lost' })).total === 0, 'day 1 has no lost links yet');
  });

  it('leaves filters it cannot express to the links table', async () => {
    assert.equal((await linkRollupStatus(demo.store)).current, true);
    assert.equal((await anchors(demo.store, LIVE_ONLY.anchors)).source, 'links');
    for (const q of LIVE_ONLY.backlinks) assert.equal((await backlinks(demo.store, q)).source, 'links', JSON.stringify(q));
  });

  it('an upsert (crawl or import) makes it stale; the reports count the new link; optimize restores it', async () => {
    const before = await anchors(demo.store, { target: 'acme' });
    const link = demo.day1.links.find((l) => l.dstDomain === domain && l.kind === 'a' && l.srcDomain !== domain)!;
    await demo.store.writeLinks([linkRecord({ ...link, srcUrl: 'http://rollup-probe.test/p', srcHost: 'rollup-probe.test', srcDomain: 'rollup-probe.test', anchor: 'Rollup Probe', nofollow: false, ugc: false, sponsored: false, metaNofollow: false }, DAY2)]);
    assert.equal((await linkRollupStatus(demo.store)).current, false);
    const after = await anchors(demo.store, { target: 'acme' });
    assert.equal(after.source, 'links');
    assert.equal(after.total, before.total + 1);
    assert.ok(after.rows.concat((await anchors(demo.store, { target: 'acme', search: 'rollup probe' })).rows).some((r) => r.anchor === 'rollup probe' && r.links === 1 && r.followedLinks === 1));
    await assertRollupEqualsLinks();
  });

  it('a re-crawl of day 2 (upserts) and lost marks make it stale; optimize restores it', async () => {
    await writeDay(demo.store, demo.day2, DAY2);
    assert.equal((await anchors(demo.store, { target: 'acme' })).source, 'links');
    await assertRollupEqualsLinks();
    const gone = (demo.day2.diff?.removed ?? []).filter((r) => !r.now).map((r) => ({ ...r.link, lostAt: DAY2, reason: r.reason }));
    assert.ok(gone.length > 0);
    const liveBefore = (await backlinks(demo.store, { target: 'acme' })).total;
    assert.ok((await markLinksLost(demo.store, gone)) > 0);
    const afterLoss = await backlinks(demo.store, { target: 'acme' });
    assert.equal(afterLoss.source, 'links');
    assert.ok(afterLoss.total < liveBefore);
    await assertRollupEqualsLinks();
  });

  it('a lost mark that matches nothing leaves it current', async () => {
    assert.equal(await markLinksLost(demo.store, [{ srcUrl: 'http://nowhere.test/', dstUrl: `http://${domain}/`, dstDomain: domain, kind: 'a', anchor: 'x', lostAt: DAY1, reason: 'link-removed' }]), 0);
    assert.equal((await anchors(demo.store, { target: 'acme' })).source, 'rollup');
  });

  it('clustering the links (the first step of optimize) counts as a write', async () => {
    await clusterLinks(demo.store, { minLinks: 0 });
    assert.equal((await backlinks(demo.store, { target: 'acme' })).source, 'links');
    await assertRollupEqualsLinks();
  });

  it('a rank or an audit (new domain metrics) keeps the counts but not the copied metrics; the reports stay exact', async () => {
    await buildLinkRollup(demo.store);
    assert.equal(await copiedMetricsDiffer(), 0);
    assert.deepEqual(await linkRollupStatus(demo.store).then((s) => [s.current, s.metricsCurrent]), [true, true]);
    const rolled = await answers();
    for (const a of rolled) assert.equal(a.source, 'rollup');
    assert.deepEqual(rolled.map(strip), (await liveAnswers()).map(strip));

    await rankStore(demo.store, { threads: 1 });
    assert.ok((await copiedMetricsDiffer()) > 0, 'rank wrote new authorities');
    assert.deepEqual(await linkRollupStatus(demo.store).then((s) => [s.current, s.metricsCurrent]), [true, false]);
    const ranked = await answers();
    for (const a of ranked) assert.equal(a.source, 'rollup');
    assert.notDeepEqual(ranked.map(strip), rolled.map(strip));
    assert.deepEqual(ranked.map(strip), (await liveAnswers()).map(strip));

    await buildLinkRollup(demo.store);
    assert.equal((await linkRollupStatus(demo.store)).metricsCurrent, true);
    const audited = await auditTarget(demo.store, 'acme');
    assert.ok(audited.domains.length > 0);
    assert.ok((await copiedMetricsDiffer()) > 0, 'the audit wrote new toxicities');
    assert.deepEqual(await linkRollupStatus(demo.store).then((s) => [s.current, s.metricsCurrent]), [true, false]);
    assert.deepEqual((await answers()).map(strip), (await liveAnswers()).map(strip));

    await buildLinkRollup(demo.store);
    assert.equal(await copiedMetricsDiffer(), 0);
    assert.equal((await linkRollupStatus(demo.store)).metricsCurrent, true);
    assert.deepEqual((await answers()).map(strip), (await liveAnswers()).map(strip));
  });
});
