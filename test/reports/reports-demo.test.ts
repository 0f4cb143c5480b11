/**
 * Acceptance: reports on a store filled from the demo web's ground truth (day 1, then the day-2
 * re-crawl) agree with set algebra on the truth itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DemoTruth, DemoTruthLink } from '../../src/demo/index.js';
import {
  addTarget, anchors, backlinkHistory, backlinks, bestPages, brokenBacklinks, linkIntersect, outlinks, refDomains,
} from '../../src/reports/index.js';
import { DAY1, DAY2, liveLinks, openDemoStore } from './demo-store.js';
import type { DemoStore } from './demo-store.js';

const backlinksOf = (links: DemoTruthLink[], domain: string): DemoTruthLink[] => links.filter((l) => l.dstDomain === domain && l.srcDomain !== domain);
const domainsOf = (links: DemoTruthLink[]): Set<string> => new Set(links.map((l) => l.srcDomain));
const sorted = (s: Iterable<string>): string[] => [...s].sort();

describe('reports on the demo web (day 1 + day 2)', () => {
  let demo: DemoStore;
  let truth: DemoTruth;
  let day1: DemoTruth;
  before(async () => {
    demo = await openDemoStore(2);
    truth = demo.day2;
    day1 = demo.day1;
    await addTarget(demo.store, { value: truth.target, name: 'acme', brand: truth.brandTerms, keywords: truth.keywords });
    for (const c of truth.competitors) await addTarget(demo.store, { value: c, competitor: true });
  });
  after(async () => {
    await demo.cleanup();
  });

  it('refdomains: the live referring domains are exactly the truth set, lost and all add up', async () => {
    const live = domainsOf(backlinksOf(liveLinks(truth), truth.target));
    const ever = new Set([...live, ...domainsOf(backlinksOf(liveLinks(day1), truth.target))]);
    const r = await refDomains(demo.store, { target: 'acme', limit: 1000 });
    assert.deepEqual(sorted(r.rows.map((x) => x.domain)), sorted(live));
    assert.equal(r.total, live.size);
    const all = await refDomains(demo.store, { target: 'acme', state: 'all', limit: 1000 });
    assert.deepEqual(sorted(all.rows.map((x) => x.domain)), sorted(ever));
    const lost = await refDomains(demo.store, { target: 'acme', state: 'lost', limit: 1000 });
    assert.deepEqual(sorted(lost.rows.map((x) => x.domain)), sorted([...ever].filter((d) => !live.has(d))));
    for (const row of r.rows) {
      const links = backlinksOf(liveLinks(truth), truth.target).filter((l) => l.srcDomain === row.domain);
      assert.equal(row.liveLinks, links.length, row.domain);
      assert.equal(row.followedLinks, links.filter((l) => !(l.nofollow || l.ugc || l.sponsored || l.metaNofollow)).length, row.domain);
    }
  });

  it('backlinks: totals, rel and kind filters, one link per domain agree with the truth', async () => {
    const live = backlinksOf(liveLinks(truth), truth.target);
    const r = await backlinks(demo.store, { target: 'acme', limit: 1000 });
    assert.equal(r.total, live.length);
    assert.equal(r.rows.length, live.length);
    assert.equal(r.refDomains, domainsOf(live).size);
    const ugc = await backlinks(demo.store, { target: 'acme', rel: 'ugc' });
    assert.equal(ugc.total, live.filter((l) => l.ugc).length);
    assert.ok(ugc.total > 0);
    const imgOrRedirect = await backlinks(demo.store, { target: 'acme', kind: ['img', 'redirect'] });
    assert.equal(imgOrRedirect.total, live.filter((l) => l.kind === 'img' || l.kind === 'redirect').length);
    const one = await backlinks(demo.store, { target: 'acme', onePerDomain: true, limit: 1000 });
    assert.equal(one.total, domainsOf(live).size);
    assert.deepEqual(sorted(one.rows.map((x) => x.sourceDomain)), sorted(domainsOf(live)));
  });

  it('intersect equals the set algebra on the truth, with each of the four shops as the target and every min', async () => {
    const live = liveLinks(truth);
    const shops = [truth.target, ...truth.competitors];
    let nonEmpty = 0;
    for (const mineDomain of shops) {
      const others = shops.filter((s) => s !== mineDomain);
      const mine = domainsOf(backlinksOf(live, mineDomain));
      const perCompetitor = others.map((c) => domainsOf(backlinksOf(live, c)));
      const name = mineDomain === truth.target ? 'acme' : mineDomain;
      for (let min = 1; min <= others.length; min++) {
        const expected = new Set<string>();
        for (const d of new Set(perCompetitor.flatMap((s) => [...s]))) {
          const count = perCompetitor.filter((s) => s.has(d)).length;
          if (count >= min && !mine.has(d) && d !== mineDomain) expected.add(d);
        }
        const r = await linkIntersect(demo.store, { target: name, competitor: others, min, limit: 1000 });
        assert.deepEqual(r.competitors.map((c) => c.value), others);
        assert.deepEqual(sorted(r.rows.map((x) => x.domain)), sorted(expected), `${mineDomain} min ${min}`);
        assert.equal(r.total, expected.size);
        if (expected.size > 0) nonEmpty++;
        for (const row of r.rows) {
          assert.deepEqual(row.competitors, r.competitors.filter((_c, i) => perCompetitor[i]!.has(row.domain)).map((c) => c.name));
          assert.equal(row.competitorCount, row.competitors.length);
        }
      }
    }
    assert.ok(nonEmpty >= 2, 'the check is not vacuous');
    const byDefault = await linkIntersect(demo.store, { target: 'acme' });
    assert.deepEqual(byDefault.competitors.map((c) => c.value), truth.competitors, 'defaults to every stored competitor');
  });

  it('broken lists exactly the deleted target pages that have backlinks', async () => {
    const gone = new Set(truth.pages.filter((p) => p.host.endsWith(truth.target) && p.status >= 400).map((p) => p.url));
    assert.ok(gone.size > 0);
    const live = backlinksOf(liveLinks(truth), truth.target).filter((l) => gone.has(l.dstUrl));
    const r = await brokenBacklinks(demo.store, { target: 'acme', limit: 1000 });
    assert.deepEqual(sorted(new Set(r.rows.map((x) => x.targetUrl))), sorted(new Set(live.map((l) => l.dstUrl))));
    assert.equal(r.total, live.length);
    assert.equal(r.pages, new Set(live.map((l) => l.dstUrl)).size);
    for (const row of r.rows) assert.ok(row.targetStatus >= 400);
  });

  it('pages ranks target pages by referring domains and flags the broken ones', async () => {
    const live = backlinksOf(liveLinks(truth), truth.target);
    const r = await bestPages(demo.store, { target: 'acme', limit: 1000 });
    assert.equal(r.total, new Set(live.map((l) => l.dstUrl)).size);
    for (let i = 1; i < r.rows.length; i++) assert.ok(r.rows[i - 1]!.refDomains >= r.rows[i]!.refDomains);
    const broken = r.rows.filter((p) => p.broken).map((p) => p.url);
    const brokenReport = await brokenBacklinks(demo.store, { target: 'acme', limit: 1000 });
    assert.deepEqual(sorted(broken), sorted(new Set(brokenReport.rows.map((x) => x.targetUrl))));
    const onlyErrors = await bestPages(demo.store, { target: 'acme', crawlStatus: 'client-error' });
    assert.deepEqual(sorted(onlyErrors.rows.map((p) => p.url)), sorted(broken));
  });

  it('history shows the day-2 changes', async () => {
    const d1 = backlinksOf(liveLinks(day1), truth.target);
    const d2 = backlinksOf(liveLinks(truth), truth.target);
    const diff = truth.diff!;
    const added = diff.added.filter((l) => l.dstDomain === truth.target && l.srcDomain !== truth.target);
    const lost = diff.removed.filter((r) => !r.now && r.link.dstDomain === truth.target && r.link.srcDomain !== truth.target);
    assert.ok(added.length > 0 && lost.length > 0, 'the demo diff touches the target');
    const h = await backlinkHistory(demo.store, { target: 'acme' });
    assert.equal(h.rows.length, 4, 'every day from day 1 to day 2, gaps filled');
    const first = h.rows[0]!;
    const last = h.rows[h.rows.length - 1]!;
    assert.equal(first.date.toISOString(), DAY1.toISOString().slice(0, 10) + 'T00:00:00.000Z');
    assert.equal(last.date.toISOString(), DAY2.toISOString().slice(0, 10) + 'T00:00:00.000Z');
    assert.equal(first.newBacklinks, d1.length);
    assert.equal(first.refDomains, domainsOf(d1).size);
    assert.equal(last.newBacklinks, added.length);
    assert.equal(last.lostBacklinks, lost.length);
    assert.equal(last.backlinks, d2.length);
    assert.equal(last.refDomains, domainsOf(d2).size);
    const newDomains = [...domainsOf(d2)].filter((d) => !domainsOf(d1).has(d));
    const goneDomains = [...domainsOf(d1)].filter((d) => !domainsOf(d2).has(d));
    assert.equal(last.newRefDomains, newDomains.length);
    assert.equal(last.lostRefDomains, goneDomains.length);
    assert.deepEqual(h.rows.slice(1, 3).map((r) => r.newBacklinks + r.lostBacklinks), [0, 0]);
    const weekly = await backlinkHistory(demo.store, { target: 'acme', interval: 'week' });
    assert.equal(weekly.rows.at(-1)!.backlinks, d2.length);
    const windowed = await backlinkHistory(demo.store, { target: 'acme', from: '2026-03-05', to: '2026-03-05' });
    assert.equal(windowed.rows.length, 1);
    assert.equal(windowed.rows[0]!.backlinks, d2.length, 'totals count events before the window');
  });

  it('anchors: keywords are exact-match, brand terms branded, and the warning follows the share', async () => {
    const r = await anchors(demo.store, { target: 'acme', limit: 1000 });
    const exact = r.rows.filter((a) => a.class === 'exact-match').map((a) => a.anchor);
    const live = backlinksOf(liveLinks(truth), truth.target).filter((l) => l.kind === 'a');
    assert.deepEqual(sorted(exact), sorted(new Set(live.map((l) => l.anchor.toLowerCase()).filter((a) => truth.keywords.includes(a)))));
    assert.equal(r.rows.find((a) => a.anchor === 'acme shop')?.class, 'branded');
    const shares = r.classes.reduce((n, c) => n + c.share, 0);
    assert.ok(Math.abs(shares - 1) < 1e-9);
    const exactShare = r.classes.find((c) => c.class === 'exact-match')!.share;
    assert.equal(r.overOptimisation.warning !== null, exactShare > r.overOptimisation.threshold);
    const strict = await anchors(demo.store, { target: 'acme' }, { exactMatchShareThreshold: 1 });
    assert.equal(strict.overOptimisation.warning, null);
  });

  it('outlinks: the domains a site links to, with links back', async () => {
    const pbnDomain = truth.domains.find((d) => d.role === 'pbn')!.domain;
    const out = liveLinks(truth).filter((l) => l.srcDomain === pbnDomain && l.dstDomain !== pbnDomain);
    const r = await outlinks(demo.store, { site: pbnDomain, limit: 1000 });
    assert.equal(r.target.id, null, 'an ad-hoc site, not a stored target');
    assert.deepEqual(sorted(r.rows.map((x) => x.domain)), sorted(new Set(out.map((l) => l.dstDomain))));
    for (const row of r.rows) {
      const back = liveLinks(truth).filter((l) => l.srcDomain === row.domain && l.dstDomain === pbnDomain).length;
      assert.equal(row.linksBack, back, row.domain);
      assert.equal(row.links, out.filter((l) => l.dstDomain === row.domain).length);
    }
  });
});
