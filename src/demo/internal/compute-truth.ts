/**
 * The ground truth of one day, read from the same page models the HTML is rendered from:
 * pages (status, crawlability, robots meta), every link a correct crawler extracts, and the
 * breadth-first reachability from the seeds (every host's home page).
 */
import { tryCanonicalizeUrl } from '../../core/canonicalize-url.js';
import { hostOf, registrableDomain } from '../../core/registrable-domain.js';
import type { LinkKind, LinkPosition } from '../../core/types.js';
import type { DemoSite, DemoTruth, DemoTruthDomain, DemoTruthLink, DemoTruthPage, DemoTruthSitemap } from '../types.js';
import { linksOf, styleHides, type PageModel } from './model.js';
import { BRAND_TERMS, KEYWORDS, type WebPlan } from './plan-web.js';
import { positionOf } from './render-html.js';
import { robotsAllows, robotsTruth, type RobotsSpec } from './robots-sitemaps.js';
import { baseOf, collapse } from './sanitize-page.js';
import type { WebDraft } from './web-draft.js';

export interface TruthInput {
  /** Links of every page, from pageLinks (computed once by the caller). */
  pageLinks: Map<string, DemoTruthLink[]>;
  web: WebPlan;
  day: 1 | 2;
  sites: DemoSite[];
  draft: WebDraft;
  robots: Map<string, RobotsSpec>;
  sitemaps: DemoTruthSitemap[];
}

function hostAndDomain(url: string): { host: string; domain: string } {
  const host = hostOf(url);
  return { host, domain: registrableDomain(host) };
}

/** rel tokens, split on whitespace and commas, lower-cased (`rel="NoFollow, UGC"` is nofollow and ugc). */
export function relFlags(rel: string | undefined): { nofollow: boolean; ugc: boolean; sponsored: boolean } {
  const tokens = new Set((rel ?? '').toLowerCase().split(/[\s,]+/));
  return { nofollow: tokens.has('nofollow'), ugc: tokens.has('ugc'), sponsored: tokens.has('sponsored') };
}

/** Directives of meta robots / X-Robots-Tag ('none' means noindex, nofollow). */
export function robotsDirectives(value: string | undefined): { noindex: boolean; nofollow: boolean } {
  const tokens = new Set((value ?? '').toLowerCase().split(/[\s,]+/));
  return { noindex: tokens.has('noindex') || tokens.has('none'), nofollow: tokens.has('nofollow') || tokens.has('none') };
}

function makeLink(src: string, dst: string, kind: LinkKind, extra: Partial<DemoTruthLink> = {}): DemoTruthLink {
  const s = hostAndDomain(src);
  const d = hostAndDomain(dst);
  return {
    srcUrl: src,
    dstUrl: dst,
    srcHost: s.host,
    srcDomain: s.domain,
    dstHost: d.host,
    dstDomain: d.domain,
    kind,
    anchor: '',
    nofollow: false,
    ugc: false,
    sponsored: false,
    metaNofollow: false,
    position: 'body',
    hidden: false,
    httpStatus: null,
    onCrawlablePage: false,
    followed: false,
    ...extra,
  };
}

/** Every link of an HTML page, in document order of the model. */
export function pageLinks(page: PageModel): DemoTruthLink[] {
  const base = baseOf(page);
  const meta = robotsDirectives(page.metaRobots);
  const header = robotsDirectives(page.headers['x-robots-tag']);
  const metaNofollow = meta.nofollow || header.nofollow;
  const out: DemoTruthLink[] = [];
  if (page.canonical !== undefined) {
    const dst = tryCanonicalizeUrl(page.canonical, base);
    if (dst !== null) out.push(makeLink(page.url, dst, 'canonical', { metaNofollow }));
  }
  if (page.metaRefresh !== undefined) {
    const dst = tryCanonicalizeUrl(page.metaRefresh.href, base);
    if (dst !== null) out.push(makeLink(page.url, dst, 'meta-refresh', { metaNofollow }));
  }
  const linkHeader = page.headers.link;
  if (linkHeader !== undefined) {
    const m = /^<([^>]+)>/.exec(linkHeader);
    const dst = m ? tryCanonicalizeUrl(m[1] as string, page.url) : null;
    if (dst !== null) out.push(makeLink(page.url, dst, 'link-header', { metaNofollow }));
  }
  for (const [section, blocks] of Object.entries(page.sections) as [LinkPosition, PageModel['sections']['main']][]) {
    for (const { link, ancestorHidden } of linksOf(blocks)) {
      const dst = tryCanonicalizeUrl(link.href, base);
      if (dst === null) continue;
      const rel = relFlags(link.rel);
      const kind: LinkKind = link.img ? 'img' : 'a';
      out.push(
        makeLink(page.url, dst, kind, {
          anchor: collapse(link.text),
          ...rel,
          metaNofollow,
          position: positionOf(page.skin, section),
          hidden: ancestorHidden || styleHides(link.style),
          followed: !rel.nofollow && !rel.ugc && !rel.sponsored && !metaNofollow,
        }),
      );
    }
  }
  return out;
}

/** Compute pages, links and reachability for one day. */
export function computeTruth(input: TruthInput): Omit<DemoTruth, 'prospects' | 'contacts' | 'contactDecoys'> {
  const { web, day, sites, draft, robots } = input;
  const pages = new Map<string, DemoTruthPage>();
  const links: DemoTruthLink[] = [];
  const outEdges = new Map<string, string[]>();
  const addEdge = (src: string, dst: string): void => {
    const list = outEdges.get(src);
    if (list) list.push(dst);
    else outEdges.set(src, [dst]);
  };

  for (const page of draft.pages.values()) {
    const meta = robotsDirectives(page.metaRobots);
    const header = robotsDirectives(page.headers['x-robots-tag']);
    pages.set(page.url, {
      url: page.url,
      host: page.host,
      status: 200,
      crawlable: false,
      depth: null,
      noindex: meta.noindex || header.noindex,
      nofollow: meta.nofollow || header.nofollow,
      contentType: page.contentType,
      charset: page.charset,
      flags: [...page.flags],
    });
    for (const link of input.pageLinks.get(page.url) ?? pageLinks(page)) {
      links.push(link);
      // Only plain, visible, followed links (and refreshes) carry a polite crawl further.
      if ((link.kind === 'a' || link.kind === 'img') && link.followed && !link.hidden) addEdge(page.url, link.dstUrl);
      if (link.kind === 'meta-refresh') addEdge(page.url, link.dstUrl);
    }
  }
  for (const sp of draft.specials.values()) {
    const entry: DemoTruthPage = { url: sp.url, host: new URL(sp.url).hostname, status: sp.status, crawlable: false, depth: null, noindex: false, nofollow: false, contentType: sp.location === undefined ? 'text/html; charset=utf-8' : null, flags: [...sp.flags] };
    if (sp.location !== undefined) {
      const dst = tryCanonicalizeUrl(sp.location, sp.url);
      if (dst !== null) {
        entry.redirectTo = dst;
        links.push(makeLink(sp.url, dst, 'redirect', { httpStatus: sp.status }));
        addEdge(sp.url, dst);
      }
    }
    pages.set(sp.url, entry);
  }

  const allowed = (url: string): boolean => {
    const u = new URL(url);
    const spec = robots.get(u.hostname);
    return spec === undefined || robotsAllows(spec.rules, u.pathname + u.search);
  };
  const seeds = sites.map((s) => `http://${s.host}/`);
  let frontier = seeds.filter((u) => pages.has(u) && allowed(u));
  for (const u of frontier) (pages.get(u) as DemoTruthPage).depth = 0;
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const src of frontier) {
      for (const dst of outEdges.get(src) ?? []) {
        const pg = pages.get(dst);
        if (pg === undefined || pg.depth !== null || !allowed(dst)) continue;
        pg.depth = depth;
        next.push(dst);
      }
    }
    frontier = next;
  }
  for (const pg of pages.values()) {
    const spec = robots.get(pg.host);
    if (spec?.mode === 'error-500') pg.reason = 'robots-5xx';
    else if (!allowed(pg.url)) pg.reason = 'robots-disallow';
    else if (pg.depth === null) pg.reason = 'unreachable';
    pg.crawlable = pg.reason === undefined;
  }
  for (const link of links) link.onCrawlablePage = pages.get(link.srcUrl)?.crawlable === true;

  const domains = new Map<string, DemoTruthDomain>();
  for (const s of sites) {
    const d = domains.get(s.domain);
    if (d) d.hosts.push(s.host);
    else domains.set(s.domain, { domain: s.domain, role: s.role, class: s.class, hosts: [s.host] });
  }
  return {
    version: 1,
    seed: web.seed,
    day,
    target: web.target.site.domain,
    targetHost: web.target.site.host,
    competitors: web.competitors.map((c) => c.site.domain),
    brandTerms: [...BRAND_TERMS],
    keywords: [...KEYWORDS],
    trustSeeds: [...new Set([web.news, web.uni, web.gov].map((p) => p.site.domain))],
    seeds,
    sites: sites.map((s) => ({ host: s.host, domain: s.domain, ip: s.ip, role: s.role, class: s.class, name: s.name, ...(s.hubType ? { hubType: s.hubType } : {}) })),
    domains: [...domains.values()],
    robots: sites.map((s) => robotsTruth(robots.get(s.host) as RobotsSpec)),
    sitemaps: input.sitemaps,
    pages: [...pages.values()],
    links,
  };
}
