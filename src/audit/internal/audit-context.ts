/**
 * Everything the markers look at for one target, read from the store in a handful of set-based
 * queries: the live links to the target, the pages they sit on, the referring domains' metrics and
 * footprints, and the links between referring domains.
 */
import { registrableDomain } from '../../core/index.js';
import type { TargetRecord } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import type { AuditLink } from '../types.js';
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

interface LinkRow {
  id: number;
  src_url: string;
  dst_url: string;
  src_host: string;
  src_domain: string;
  kind: AuditLink['kind'];
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  meta_nofollow: boolean;
  hidden: boolean;
  position: AuditLink['position'];
  first_seen: Date;
  http_status: number | null;
}

/**
 * Each crawled domain's main template: its most common page template, ties to the smaller hash so
 * that two audits of one crawl agree (DuckDB's mode() breaks ties arbitrarily).
 */
const MAIN_TEMPLATE_SQL = `SELECT domain, template_hash AS template FROM (
   SELECT domain, template_hash, row_number() OVER (PARTITION BY domain ORDER BY count(*) DESC, template_hash) AS rk
     FROM pages WHERE template_hash IS NOT NULL GROUP BY domain, template_hash) WHERE rk = 1`;

/** A link that passes a vote, in SQL over `links l`. */
const FOLLOWED_SQL = `l.kind IN ('a', 'img') AND NOT l.nofollow AND NOT l.ugc AND NOT l.sponsored AND NOT l.meta_nofollow`;

const primaryLang = (lang: string | null): string | null => (lang === null || lang.trim() === '' ? null : lang.trim().toLowerCase().split(/[-_]/)[0]!);

/** The domain a target lives on (its value's host's registrable domain). */
export function targetDomainOf(target: TargetRecord): string {
  if (target.scope === 'domain') return target.value;
  if (target.scope === 'host') return registrableDomain(target.value);
  return URL.canParse(target.value) ? registrableDomain(new URL(target.value).hostname) : target.value;
}

export async function loadAuditContext(store: Store, target: TargetRecord, keywords: readonly string[], spamList: ReadonlySet<string>, now: Date): Promise<AuditContext> {
  const targetDomain = targetDomainOf(target);
  const scope = targetScopeSql(target);
  const params = { ...scope.params, target_domain: targetDomain };
  await store.run(
    `CREATE OR REPLACE TEMP TABLE _audit_links AS
     SELECT id::DOUBLE AS id, src_url, dst_url, src_host, src_domain, kind, anchor, nofollow, ugc, sponsored, meta_nofollow, hidden, position, first_seen, http_status
       FROM links l WHERE l.lost_at IS NULL AND ${scope.sql} AND l.src_domain <> $target_domain`,
    params,
  );
  const rows = await store.all<LinkRow>(`SELECT * FROM _audit_links ORDER BY src_domain, id`);
  const links: AuditLink[] = rows.map((r) => ({
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

  const pageRows = await store.all<{ url: string; word_count: number | null; lang: string | null; ext_links: number; ext_domains: number; paid: string | null }>(
    `WITH src AS (SELECT DISTINCT src_url FROM _audit_links),
     out AS (
       SELECT l.src_url, count(*)::INTEGER AS ext_links, count(DISTINCT l.dst_domain)::INTEGER AS ext_domains
         FROM links l JOIN src ON src.src_url = l.src_url
        WHERE l.lost_at IS NULL AND l.kind IN ('a', 'img') AND l.dst_domain <> l.src_domain GROUP BY l.src_url)
     SELECT src.src_url AS url, p.word_count, p.lang, coalesce(out.ext_links, 0) AS ext_links, coalesce(out.ext_domains, 0) AS ext_domains,
            nullif(regexp_extract(lower(p.text), $paid, 0), '') AS paid
       FROM src LEFT JOIN pages p ON p.url = src.src_url LEFT JOIN out ON out.src_url = src.src_url`,
    { paid: PAID_WORDING.source },
  );
  const pages = new Map<string, SourcePage>();
  for (const r of pageRows) {
    pages.set(r.url, {
      url: r.url,
      wordCount: r.word_count === null ? null : Number(r.word_count),
      lang: primaryLang(r.lang),
      externalLinks: Number(r.ext_links),
      externalDomains: Number(r.ext_domains),
      paidPhrase: r.paid,
    });
  }

  const domainRows = await store.all<{
    domain: string; pagerank: number | null; trust: number | null; spam_mass: number | null; authority: number | null;
    pages: number; html_pages: number; ips: string[] | null; tracking: string[] | null; template: string | null; lang: string | null; hosts: string[] | null;
  }>(
    `WITH r AS (SELECT DISTINCT src_domain AS domain FROM _audit_links),
     p AS (
       SELECT p.domain, count(*)::INTEGER AS pages,
              count(*) FILTER (WHERE p.status BETWEEN 200 AND 299 AND p.content_type ILIKE '%html%')::INTEGER AS html_pages,
              list_sort(list_distinct(list(p.ip) FILTER (WHERE p.ip IS NOT NULL))) AS ips,
              list_sort(list_distinct(flatten(list(p.tracking_ids) FILTER (WHERE p.tracking_ids IS NOT NULL)))) AS tracking,
              mode(p.lang) AS lang,
              list_sort(list_distinct(list(p.host))) AS hosts
         FROM pages p JOIN r ON r.domain = p.domain GROUP BY p.domain)
     SELECT r.domain, d.pagerank, d.trust, d.spam_mass, d.authority, coalesce(p.pages, 0) AS pages, coalesce(p.html_pages, 0) AS html_pages,
            p.ips, p.tracking, t.template, p.lang, p.hosts
       FROM r LEFT JOIN domains d ON d.domain = r.domain LEFT JOIN p ON p.domain = r.domain
       LEFT JOIN (${MAIN_TEMPLATE_SQL}) t ON t.domain = r.domain`,
  );
  const domains = new Map<string, DomainFacts>();
  for (const r of domainRows) {
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

  const inter = await store.all<{ s: string; d: string }>(
    `WITH r AS (SELECT DISTINCT src_domain AS domain FROM _audit_links)
     SELECT DISTINCT l.src_domain AS s, l.dst_domain AS d FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND ${FOLLOWED_SQL}
        AND l.src_domain IN (SELECT domain FROM r) AND l.dst_domain IN (SELECT domain FROM r)`,
  );
  const outRows = await store.all<{ domain: string; n: number }>(
    `WITH r AS (SELECT DISTINCT src_domain AS domain FROM _audit_links)
     SELECT l.src_domain AS domain, count(DISTINCT l.dst_domain)::INTEGER AS n FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND ${FOLLOWED_SQL} AND l.src_domain IN (SELECT domain FROM r)
      GROUP BY l.src_domain`,
  );
  for (const r of outRows) {
    const d = domains.get(r.domain);
    if (d) d.followedOutDomains = Number(r.n);
  }
  const spreadRows = await store.all<{ template: string; domains: number; ips: string[] | null }>(
    `WITH main AS (${MAIN_TEMPLATE_SQL}),
     wanted AS (SELECT DISTINCT template FROM main WHERE domain IN (SELECT DISTINCT src_domain FROM _audit_links))
     SELECT m.template, count(DISTINCT m.domain)::INTEGER AS domains,
            list_sort(list_distinct(list(p.ip) FILTER (WHERE p.ip IS NOT NULL))) AS ips
       FROM main m JOIN wanted w ON w.template = m.template JOIN pages p ON p.domain = m.domain
      GROUP BY m.template`,
  );
  const templates = new Map<string, TemplateSpread>(spreadRows.map((r) => [r.template, { domains: Number(r.domains), ips: [...(r.ips ?? [])] }]));
  const ranked = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM domains WHERE pagerank IS NOT NULL`);
  const external = [...pages.values()].map((p) => p.externalLinks).sort((a, b) => a - b);
  const langRow = await store.one<{ lang: string | null }>(`SELECT mode(lang) AS lang FROM pages WHERE domain = $1 AND lang IS NOT NULL`, [targetDomain]);
  await store.run(`DROP TABLE IF EXISTS _audit_links`);
  return {
    target,
    targetDomain,
    targetLang: primaryLang(langRow?.lang ?? null),
    keywords: [...new Set(keywords.map((k) => k.trim().toLowerCase().replace(/\s+/g, ' ')).filter((k) => k.length > 0))],
    links,
    byDomain,
    pages,
    domains,
    interlinks: new Set(inter.map((x) => `${x.s}>${x.d}`)),
    templates,
    spamList,
    rankedDomains: ranked?.n ?? 0,
    medianExternalLinks: external.length === 0 ? 0 : external[Math.floor(external.length / 2)]!,
    now,
  };
}
