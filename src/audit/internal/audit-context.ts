/**
 * Everything the markers look at for one target, read from the store in a handful of set-based
 * queries: the live links to the target, the pages they sit on, the referring domains' metrics and
 * footprints, and the links between referring domains.
 */
import { registrableDomain } from '../../core/index.js';
import type { TargetRecord } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import type { AuditLink } from '../types.js';
import { loadClickHouseContextRows } from './clickhouse-context-rows.js';
import { loadDuckDbContextRows } from './duckdb-context-rows.js';
import { targetScopeSql } from './target-scope-sql.js';

/** Words on a page that say a post was paid for (lower case). */
export const PAID_WORDING = /(sponsored post|sponsored content|sponsored article|paid post|paid content|advertorial|in partnership with|partner content|this post was sponsored|brought to you by|promoted content)/;

export interface SourcePage {
  url: string;
  wordCount: number | null;
  lang: string | null;
  /** Links to other domains from the page. */
  externalLinks: number;
  externalDomains: number;
  /** The paid wording found in the page text, if any. */
  paidPhrase: string | null;
}

export interface DomainFacts {
  domain: string;
  pagerank: number | null;
  trust: number | null;
  spamMass: number | null;
  authority: number | null;
  /** Pages of the domain in the store, and those that answered 2xx HTML. */
  pages: number;
  htmlPages: number;
  ips: string[];
  trackingIds: string[];
  /** The domain's most common page template. */
  template: string | null;
  /** Other domains, anywhere in the crawl, that this domain gives a followed link (a vote) to. */
  followedOutDomains: number;
  lang: string | null;
  hosts: string[];
}

export interface TemplateSpread {
  domains: number;
  ips: string[];
}

export interface AuditContext {
  target: TargetRecord;
  targetDomain: string;
  targetLang: string | null;
  keywords: string[];
  links: AuditLink[];
  byDomain: Map<string, AuditLink[]>;
  pages: Map<string, SourcePage>;
  domains: Map<string, DomainFacts>;
  /**
   * `a>b` for each pair of referring domains where a gives b a followed link. Only votes count: a
   * nofollow or ugc link (a comment's author link, say) trades nothing.
   */
  interlinks: Set<string>;
  /**
   * Each referring domain's main template, crawl-wide: how many crawled domains have it as their
   * main template, and on how many IPs those domains' pages are served.
   */
  templates: Map<string, TemplateSpread>;
  spamList: ReadonlySet<string>;
  /** Domains with a PageRank in the store (n, for scaled PageRank n·p). */
  rankedDomains: number;
  /** Median links to other sites of the pages linking to the target. */
  medianExternalLinks: number;
  now: Date;
}

const primaryLang = (lang: string | null): string | null => (lang === null || lang.trim() === '' ? null : lang.trim().toLowerCase().split(/[-_]/)[0]!);

/** The domain a target lives on (its value's host's registrable domain). */
export function targetDomainOf(target: TargetRecord): string {
  if (target.scope === 'domain') return target.value;
  if (target.scope === 'host') return registrableDomain(target.value);
  return URL.canParse(target.value) ? registrableDomain(new URL(target.value).hostname) : target.value;
}

export async function loadAuditContext(store: Store, target: TargetRecord, keywords: readonly string[], spamList: ReadonlySet<string>, now: Date): Promise<AuditContext> {
  const targetDomain = targetDomainOf(target);
  const query = { scope: targetScopeSql(target, store.dialect), targetDomain, paidPattern: PAID_WORDING.source };
  const rows = store.dialect === 'clickhouse' ? await loadClickHouseContextRows(store, query) : await loadDuckDbContextRows(store, query);
  const links: AuditLink[] = rows.links.map((r) => ({
    id: Number(r.id),
    srcUrl: r.src_url,
    dstUrl: r.dst_url,
    srcHost: r.src_host,
    srcDomain: r.src_domain,
    kind: r.kind,
    anchor: r.anchor,
    nofollow: r.nofollow,
    ugc: r.ugc,
    sponsored: r.sponsored,
    metaNofollow: r.meta_nofollow,
    hidden: r.hidden,
    position: r.position,
    firstSeen: r.first_seen,
    httpStatus: r.http_status === null ? null : Number(r.http_status),
  }));
  const byDomain = new Map<string, AuditLink[]>();
  for (const l of links) {
    const list = byDomain.get(l.srcDomain);
    if (list) list.push(l);
    else byDomain.set(l.srcDomain, [l]);
  }

  const pages = new Map<string, SourcePage>();
  for (const r of rows.pages) {
    pages.set(r.url, {
      url: r.url,
      wordCount: r.word_count === null ? null : Number(r.word_count),
      lang: primaryLang(r.lang),
      externalLinks: Number(r.ext_links),
      externalDomains: Number(r.ext_domains),
      paidPhrase: r.paid,
    });
  }

  const domains = new Map<string, DomainFacts>();
  for (const r of rows.domains) {
    const hosts = new Set(r.hosts ?? []);
    for (const l of byDomain.get(r.domain) ?? []) hosts.add(l.srcHost);
    domains.set(r.domain, {
      domain: r.domain,
      pagerank: r.pagerank,
      trust: r.trust,
      spamMass: r.spam_mass,
      authority: r.authority,
      pages: Number(r.pages),
      htmlPages: Number(r.html_pages),
      ips: [...(r.ips ?? [])],
      trackingIds: [...(r.tracking ?? [])],
      template: r.template,
      followedOutDomains: 0,
      lang: primaryLang(r.lang),
      hosts: [...hosts].sort(),
    });
  }
  for (const r of rows.followedOut) {
    const d = domains.get(r.domain);
    if (d) d.followedOutDomains = Number(r.n);
  }
  const templates = new Map<string, TemplateSpread>(rows.spread.map((r) => [r.template, { domains: Number(r.domains), ips: [...(r.ips ?? [])] }]));
  const external = [...pages.values()].map((p) => p.externalLinks).sort((a, b) => a - b);
  return {
    target,
    targetDomain,
    targetLang: primaryLang(rows.targetLang),
    keywords: [...new Set(keywords.map((k) => k.trim().toLowerCase().replace(/\s+/g, ' ')).filter((k) => k.length > 0))],
    links,
    byDomain,
    pages,
    domains,
    interlinks: new Set(rows.interlinks.map((x) => `${x.s}>${x.d}`)),
    templates,
    spamList,
    rankedDomains: rows.rankedDomains,
    medianExternalLinks: external.length === 0 ? 0 : external[Math.floor(external.length / 2)]!,
    now,
  };
}
