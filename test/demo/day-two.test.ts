import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDemoWeb, truthLinkKey, type DemoLossReason } from '../../src/demo/index.js';

const SMALL = { seed: 5, sites: 20, pages: 250 } as const;

describe('demo web, day 2', () => {
  const day1 = generateDemoWeb(SMALL);
  const day2 = generateDemoWeb({ ...SMALL, day: 2 });
  const diff = day2.truth.diff;

  it('has a diff only on day 2', () => {
    assert.equal(day1.truth.diff, undefined);
    assert.ok(diff);
    assert.equal(day2.truth.day, 2);
  });

  it('keeps the sites and addresses of day 1 and adds a new PBN site', () => {
    const before = new Map(day1.truth.sites.map((s) => [s.host, s.ip]));
    for (const [host, ip] of before) assert.equal(day2.truth.sites.find((s) => s.host === host)?.ip, ip);
    const added = day2.truth.sites.filter((s) => !before.has(s.host));
    assert.equal(added.length, 1);
    assert.equal(added[0]?.role, 'pbn');
    assert.equal(added[0]?.ip, day1.truth.sites.find((s) => s.role === 'pbn')?.ip);
  });

  it('loses target links for every reason, and the diff agrees with the two truths', () => {
    assert.ok(diff);
    const target = day1.truth.target;
    const reasons = new Set(diff.removed.filter((r) => r.link.dstDomain === target).map((r) => r.reason));
    for (const reason of ['page-gone', 'link-removed', 'now-nofollow', 'page-redirects', 'page-noindex'] satisfies DemoLossReason[]) assert.ok(reasons.has(reason), reason);
    const live2 = new Set(day2.truth.links.filter((l) => l.onCrawlablePage).map(truthLinkKey));
    const live1 = new Set(day1.truth.links.filter((l) => l.onCrawlablePage).map(truthLinkKey));
    for (const r of diff.removed) {
      assert.ok(live1.has(truthLinkKey(r.link)));
      if (r.reason === 'now-nofollow' || r.reason === 'page-noindex') assert.ok(r.now && live2.has(truthLinkKey(r.now)));
      else assert.ok(!live2.has(truthLinkKey(r.link)), `${r.reason} ${r.link.srcUrl}`);
    }
    for (const l of diff.added) assert.ok(live2.has(truthLinkKey(l)) && !live1.has(truthLinkKey(l)));
  });

  it('adds target links from new pages on legit sites, from the new PBN site and from more spam', () => {
    assert.ok(diff);
    const target = day1.truth.target;
    const classOf = new Map(day2.truth.domains.map((d) => [d.domain, d.class]));
    const added = diff.added.filter((l) => l.dstDomain === target && l.srcDomain !== target);
    const newPages = new Set(diff.pages.filter((p) => p.change === 'added').map((p) => p.url));
    assert.ok(added.some((l) => classOf.get(l.srcDomain) === 'legit' && newPages.has(l.srcUrl)));
    assert.ok(added.some((l) => classOf.get(l.srcDomain) === 'pbn' && l.followed));
    assert.ok(added.some((l) => l.ugc));
    const day1RefDomains = new Set(day1.truth.links.filter((l) => l.onCrawlablePage && l.dstDomain === target).map((l) => l.srcDomain));
    assert.ok(added.some((l) => !day1RefDomains.has(l.srcDomain)), 'at least one new referring domain');
  });

  it('serves what the diff says: deleted pages answer 404/410, moved pages redirect, edited pages lose the link', () => {
    assert.ok(diff);
    for (const change of diff.pages) {
      const r1 = day1.responses.get(change.url);
      const r2 = day2.responses.get(change.url);
      assert.ok(r2, change.url);
      switch (change.change) {
        case 'deleted-404':
          assert.equal(r1?.status, 200);
          assert.equal(r2.status, 404);
          break;
        case 'deleted-410':
          assert.equal(r2.status, 410);
          break;
        case 'redirects':
          assert.equal(r2.status, 301);
          assert.ok(r2.headers.location);
          break;
        case 'noindex':
          assert.match(r2.body.toString('utf8'), /<meta name=["']robots["'] content=["']noindex["']>/i);
          break;
        case 'added':
          assert.equal(r1, undefined);
          assert.equal(r2.status, 200);
          break;
        default:
          assert.equal(r2.status, 200);
          assert.ok(!r1?.body.equals(r2.body), `${change.url} changed`);
      }
    }
    const edited = diff.removed.find((r) => r.reason === 'link-removed' && r.link.dstDomain === day1.truth.target);
    assert.ok(edited);
    const before = day1.responses.get(edited.link.srcUrl)?.body.toString('utf8') ?? '';
    const after = day2.responses.get(edited.link.srcUrl)?.body.toString('utf8') ?? '';
    const count = (html: string): number => html.split(/<a\s/i).length;
    assert.equal(count(after), count(before) - 1);
  });

  it('works for many seeds at a small size', () => {
    for (let seed = 100; seed < 104; seed++) {
      const t = generateDemoWeb({ seed, sites: 20, pages: 200, day: 2 }).truth;
      assert.ok(t.diff && t.diff.removed.length > 0 && t.diff.added.length > 0, `seed ${seed}`);
      for (const p of t.pages) assert.ok(p.crawlable || p.reason === 'robots-disallow' || p.reason === 'robots-5xx', `seed ${seed}: ${p.url} ${p.reason}`);
    }
  });
});
