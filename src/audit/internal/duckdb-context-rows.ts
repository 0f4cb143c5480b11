/**
 * The audit context's rows on DuckDB: the target's live links are staged once in a temp table
 * (per connection), which the other queries join.
 */
import type { Store } from '../../store/index.js';
import type { ContextQuery, ContextRows, DomainRow, LinkRow, PageRow } from './context-rows.js';

/**
 * Each crawled domain's main template: its most common page template, ties to the smaller hash so
 * that two audits of one crawl agree (DuckDB's mode() breaks ties arbitrarily).
 */
const MAIN_TEMPLATE_SQL = `SELECT domain, template_hash AS template FROM (
   SELECT domain, template_hash, row_number() OVER (PARTITION BY domain ORDER BY count(*) DESC, template_hash) AS rk
     FROM pages WHERE template_hash IS NOT NULL GROUP BY domain, template_hash) WHERE rk = 1`;

/** A link that passes a vote, in SQL over `links l`. */
const FOLLOWED_SQL = `l.kind IN ('a', 'img') AND NOT l.nofollow AND NOT l.ugc AND NOT l.sponsored AND NOT l.meta_nofollow`;

export async function loadDuckDbContextRows(store: Store, q: ContextQuery): Promise<ContextRows> {
  const params = { ...q.scope.params, target_domain: q.targetDomain };
  await store.run(
    `CREATE OR REPLACE TEMP TABLE _audit_links AS
     SELECT id::DOUBLE AS id, src_url, dst_url, src_host, src_domain, kind, anchor, nofollow, ugc, sponsored, meta_nofollow, hidden, position, first_seen, http_status
       FROM links l WHERE l.lost_at IS NULL AND ${q.scope.sql} AND l.src_domain <> $target_domain`,
    params,
  );
  const links = await store.all<LinkRow>(`SELECT * FROM _audit_links ORDER BY src_domain, id`);
  const pages = await store.all<PageRow>(
    `WITH src AS (SELECT DISTINCT src_url FROM _audit_links),
     out AS (
       SELECT l.src_url, count(*)::INTEGER AS ext_links, count(DISTINCT l.dst_domain)::INTEGER AS ext_domains
         FROM links l JOIN src ON src.src_url = l.src_url
        WHERE l.lost_at IS NULL AND l.kind IN ('a', 'img') AND l.dst_domain <> l.src_domain GROUP BY l.src_url)
     SELECT src.src_url AS url, p.word_count, p.lang, coalesce(out.ext_links, 0) AS ext_links, coalesce(out.ext_domains, 0) AS ext_domains,
            nullif(regexp_extract(lower(p.text), $paid, 0), '') AS paid
       FROM src LEFT JOIN pages p ON p.url = src.src_url LEFT JOIN out ON out.src_url = src.src_url`,
    { paid: q.paidPattern },
  );
  const domains = await store.all<DomainRow>(
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
  const interlinks = await store.all<{ s: string; d: string }>(
    `WITH r AS (SELECT DISTINCT src_domain AS domain FROM _audit_links)
     SELECT DISTINCT l.src_domain AS s, l.dst_domain AS d FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND ${FOLLOWED_SQL}
        AND l.src_domain IN (SELECT domain FROM r) AND l.dst_domain IN (SELECT domain FROM r)`,
  );
  const followedOut = await store.all<{ domain: string; n: number }>(
    `WITH r AS (SELECT DISTINCT src_domain AS domain FROM _audit_links)
     SELECT l.src_domain AS domain, count(DISTINCT l.dst_domain)::INTEGER AS n FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND ${FOLLOWED_SQL} AND l.src_domain IN (SELECT domain FROM r)
      GROUP BY l.src_domain`,
  );
  const spread = await store.all<{ template: string; domains: number; ips: string[] | null }>(
    `WITH main AS (${MAIN_TEMPLATE_SQL}),
     wanted AS (SELECT DISTINCT template FROM main WHERE domain IN (SELECT DISTINCT src_domain FROM _audit_links))
     SELECT m.template, count(DISTINCT m.domain)::INTEGER AS domains,
            list_sort(list_distinct(list(p.ip) FILTER (WHERE p.ip IS NOT NULL))) AS ips
       FROM main m JOIN wanted w ON w.template = m.template JOIN pages p ON p.domain = m.domain
      GROUP BY m.template`,
  );
  const ranked = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM domains WHERE pagerank IS NOT NULL`);
  const langRow = await store.one<{ lang: string | null }>(`SELECT mode(lang) AS lang FROM pages WHERE domain = $1 AND lang IS NOT NULL`, [q.targetDomain]);
  await store.run(`DROP TABLE IF EXISTS _audit_links`);
  return { links, pages, domains, interlinks, followedOut, spread, rankedDomains: ranked?.n ?? 0, targetLang: langRow?.lang ?? null };
}
