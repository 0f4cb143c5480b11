import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { registrableDomain } from '../../src/core/registrable-domain.js';
import { DEMO_MIN_SITES, generateDemoWeb, truthLinkKey, type DemoWeb } from '../../src/demo/index.js';

const SMALL = { sites: 20, pages: 250 } as const;

function sameBytes(x: DemoWeb, y: DemoWeb): boolean {
  if (x.responses.size !== y.responses.size) return false;
  for (const [url, r] of x.responses) {
    const other = y.responses.get(url);
    if (!other || other.status !== r.status || !other.body.equals(r.body) || JSON.stringify(other.headers) !== JSON.stringify(r.headers)) return false;
  }
  return true;
}

describe('generateDemoWeb', () => {
  const web = generateDemoWeb({ seed: 3, ...SMALL });
  const truth = web.truth;
  const siteOf = (role: string): string[] => truth.sites.filter((s) => s.role === role).map((s) => s.host);

  it('is deterministic: the same seed gives identical bytes for every response and the same truth', () => {
    const again = generateDemoWeb({ seed: 3, ...SMALL });
    assert.ok(sameBytes(web, again));
    assert.deepEqual(again.truth, truth);
    const day2a = generateDemoWeb({ seed: 3, ...SMALL, day: 2 });
    const day2b = generateDemoWeb({ seed: 3, ...SMALL, day: 2 });
    assert.ok(sameBytes(day2a, day2b));
    assert.deepEqual(day2a.truth.diff, day2b.truth.diff);
  });

  it('differs with a different seed', () => {
    const other = generateDemoWeb({ seed: 4, ...SMALL });
    assert.ok(!sameBytes(web, other));
    assert.notDeepEqual(other.truth.links, truth.links);
  });

  it('honours a small size', () => {
    // The three niche blogs planted for prospecting come on top of `sites`.
    assert.equal(truth.domains.length, 20 + 3);
    const html = truth.pages.filter((p) => p.status === 200).length;
    assert.ok(html >= 200 && html <= 320, `HTML pages: ${html}`);
  });

  it('rejects options out of range with a ValidationError', () => {
    for (const bad of [{ sites: DEMO_MIN_SITES - 1 }, { pages: 10 }, { seed: -1 }, { seed: 1.5 }, { day: 3 as 1 }, { sites: Number.NaN }]) {
      assert.throws(() => generateDemoWeb(bad), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_INPUT', JSON.stringify(bad));
    }
  });

  it('has the cast: a target with www/blog/bare hosts, three competitors, hubs, blogs, forums, paid sites, a farm, a PBN, an expired domain', () => {
    assert.equal(truth.target, 'acme-shop.test');
    assert.deepEqual(truth.sites.filter((s) => s.domain === truth.target).map((s) => s.host).sort(), ['acme-shop.test', 'blog.acme-shop.test', 'www.acme-shop.test']);
    assert.equal(truth.competitors.length, 3);
    assert.deepEqual(truth.sites.filter((s) => s.role === 'hub').map((s) => s.hubType).sort(), ['government', 'news', 'university', 'university']);
    for (const role of ['blog', 'forum', 'paid', 'farm', 'pbn', 'expired']) assert.ok(siteOf(role).length > 0, role);
    for (const s of truth.sites) {
      assert.ok(s.host.endsWith('.test'), s.host);
      assert.equal(s.domain, registrableDomain(s.host));
      assert.match(s.ip, /^127\.0\.0\.\d+$/);
    }
    assert.ok(truth.keywords.includes('buy cheap widgets'));
    assert.ok(truth.brandTerms.includes('acme'));
  });

  it('makes the PBN share one IP, one template, one analytics id and one AdSense id, and link the target with exact-match anchors', () => {
    const pbn = truth.sites.filter((s) => s.role === 'pbn');
    assert.ok(pbn.length >= 3);
    assert.equal(new Set(pbn.map((s) => s.ip)).size, 1);
    assert.ok(truth.sites.filter((s) => s.role !== 'pbn').every((s) => s.ip !== pbn[0]?.ip), 'only the PBN lives on its address');
    const ids = pbn.map((s) => {
      const home = web.responses.get(`http://${s.host}/`)?.body.toString('utf8') ?? '';
      return [/gtag\('config','([^']+)'\)/.exec(home)?.[1], /client=(ca-pub-\d+)/.exec(home)?.[1], /<meta name="generator" content="([^"]+)">/.exec(home)?.[1]].join(' ');
    });
    assert.equal(new Set(ids).size, 1, ids.join('\n'));
    assert.match(ids[0] as string, /^G-\w+ ca-pub-\d+ WordPress/);
    const exact = truth.links.filter((l) => pbn.some((s) => s.host === l.srcHost) && l.dstDomain === truth.target && truth.keywords.includes(l.anchor) && l.followed);
    assert.ok(exact.length >= pbn.length);
    assert.ok(pbn.every((s) => truth.links.some((l) => l.srcHost === s.host && pbn.some((o) => o.host === l.dstHost && o.host !== s.host))), 'PBN sites link each other');
  });

  it('labels most referring domains of the target legit, with a clear spam and PBN cluster', () => {
    const classOf = new Map(truth.domains.map((d) => [d.domain, d.class]));
    const refDomains = new Set(truth.links.filter((l) => l.onCrawlablePage && l.dstDomain === truth.target && l.srcDomain !== truth.target).map((l) => l.srcDomain));
    const counts = { legit: 0, spam: 0, pbn: 0 };
    for (const d of refDomains) counts[classOf.get(d) as 'legit']++;
    assert.ok(counts.legit > counts.spam + counts.pbn, JSON.stringify(counts));
    assert.ok(counts.spam >= 2 && counts.pbn >= 3, JSON.stringify(counts));
  });

  it('holds every link feature the crawler must handle', () => {
    const l = truth.links.filter((x) => x.onCrawlablePage);
    const has = (what: string, pred: (x: (typeof l)[number]) => boolean): void => assert.ok(l.some(pred), what);
    has('ugc', (x) => x.ugc && !x.nofollow);
    has('nofollow + ugc from "NoFollow, UGC"', (x) => x.ugc && x.nofollow);
    has('sponsored', (x) => x.sponsored);
    has('hidden', (x) => x.hidden);
    has('img', (x) => x.kind === 'img' && x.anchor.length > 0);
    has('meta nofollow', (x) => x.metaNofollow);
    for (const pos of ['header', 'nav', 'main', 'aside', 'footer', 'body'] as const) has(`position ${pos}`, (x) => x.position === pos && x.kind === 'a');
    for (const kind of ['canonical', 'link-header', 'meta-refresh', 'redirect'] as const) has(kind, (x) => x.kind === kind);
    has('301', (x) => x.kind === 'redirect' && x.httpStatus === 301);
    has('302', (x) => x.kind === 'redirect' && x.httpStatus === 302);
    has('link to an outside host', (x) => !x.dstHost.endsWith('.test'));
    const raw = [...web.responses.values()].map((r) => r.body.toString('latin1')).join('\n');
    assert.match(raw, /rel=["']NoFollow, UGC["']/i);
    assert.match(raw, /style=["']DISPLAY: none !important["']/i);
    assert.match(raw, /style=["']font-size:0["']/i);
    assert.match(raw, /style=["']visibility:hidden["']/i);
    assert.match(raw, /style=["']font-size:0.85em["']/i);
    assert.match(raw, /<footer>/);
  });

  it('marks unmarked paid posts only in their text, and compliant ones with rel=sponsored', () => {
    const unmarked = truth.pages.filter((p) => p.flags.includes('unmarked-paid'));
    const compliant = truth.pages.filter((p) => p.flags.includes('sponsored-post'));
    assert.ok(unmarked.length > 0 && compliant.length > 0);
    for (const p of unmarked) assert.match(web.responses.get(p.url)?.body.toString('utf8') ?? '', /advertorial|sponsored post/i);
    const paidLinks = truth.links.filter((x) => unmarked.some((p) => p.url === x.srcUrl) && x.dstDomain === truth.target && x.position === 'main');
    assert.ok(paidLinks.some((x) => x.followed), 'unmarked paid links are followed');
    assert.ok(truth.links.some((x) => compliant.some((p) => p.url === x.srcUrl) && x.sponsored && x.dstDomain === truth.target));
  });

  it('has the redirects, deleted pages and robots cases', () => {
    const pages = new Map(truth.pages.map((p) => [p.url, p]));
    const expired = truth.sites.find((s) => s.role === 'expired');
    const expiredPages = truth.pages.filter((p) => p.host === expired?.host);
    assert.ok(expiredPages.length >= 3 && expiredPages.every((p) => p.status === 301 && p.redirectTo === 'http://www.acme-shop.test/'));
    const chain = ['http://www.acme-shop.test/sale-old', 'http://www.acme-shop.test/promo/spring'].map((u) => pages.get(u));
    assert.deepEqual(chain.map((p) => [p?.status, p?.redirectTo]), [[302, 'http://www.acme-shop.test/promo/spring'], [302, 'http://www.acme-shop.test/sale']]);
    assert.equal(truth.pages.filter((p) => p.host === 'www.acme-shop.test' && p.status === 404).length, 3);
    assert.equal(truth.pages.filter((p) => p.host === 'www.acme-shop.test' && p.status === 410).length, 1);
    for (const p of truth.pages.filter((x) => x.status === 404 || x.status === 410)) {
      assert.ok(truth.links.some((l) => l.dstUrl === p.url && l.onCrawlablePage), `${p.url} is linked`);
    }
    assert.ok(truth.pages.some((p) => p.noindex && p.crawlable));
    assert.ok(truth.pages.some((p) => p.nofollow && p.flags.includes('meta-nofollow')));
    assert.ok(truth.pages.some((p) => p.nofollow && p.flags.includes('x-robots-nofollow')));
    assert.equal(web.responses.get(truth.pages.find((p) => p.flags.includes('x-robots-nofollow'))?.url ?? '')?.headers['x-robots-tag'], 'nofollow');
    const robots500 = truth.robots.filter((r) => r.status === 500);
    assert.equal(robots500.length, 1);
    const blocked = truth.pages.filter((p) => p.host === robots500[0]?.host);
    assert.ok(blocked.length > 0 && blocked.every((p) => !p.crawlable && p.reason === 'robots-5xx'));
    assert.ok(truth.robots.some((r) => r.status === 404));
    assert.ok(truth.robots.some((r) => r.crawlDelayMs === 1000));
    assert.ok(truth.pages.some((p) => p.reason === 'robots-disallow'));
    assert.ok(truth.sitemaps.some((s) => s.type === 'index'));
    for (const sm of truth.sitemaps) assert.equal(web.responses.get(sm.url)?.status, 200, sm.url);
    assert.ok(web.sites.some((s) => s.delayMs >= 300));
  });

  it('is reachable: every page is crawlable within depth 6 or blocked by robots.txt, and every link is unique per page', () => {
    for (const p of truth.pages) {
      if (p.crawlable) assert.ok(p.depth !== null && p.depth <= 6, `${p.url} depth ${p.depth}`);
      else assert.ok(p.reason === 'robots-disallow' || p.reason === 'robots-5xx', `${p.url} ${p.reason}`);
    }
    const keys = truth.links.map(truthLinkKey);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(truth.links.every((l) => l.srcUrl !== l.dstUrl || l.kind === 'redirect'), 'no self-links');
    const pages = new Set(truth.pages.map((p) => p.url));
    for (const l of truth.links) if (l.dstHost.endsWith('.test') && truth.sites.some((s) => s.host === l.dstHost)) assert.ok(pages.has(l.dstUrl), `${l.dstUrl} linked from ${l.srcUrl} is a page`);
    assert.deepEqual(truth.seeds, truth.sites.map((s) => `http://${s.host}/`));
  });

  it('writes links as absolute URLs without a port, or relative paths, so bytes never depend on the server port', () => {
    for (const [url, r] of web.responses) {
      const text = r.body.toString('latin1');
      assert.doesNotMatch(text, /https?:\/\/[a-z0-9.-]+\.test:(?!80\b)\d+/i, url);
    }
  });
});
