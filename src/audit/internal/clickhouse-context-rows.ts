/**
 * The audit context's rows on ClickHouse, the same shapes as duckdb-context-rows.ts returns. There
 * is no temp table to stage the target's links in (over HTTP every query is its own session), so
 * each query names them again as a CTE; `links` is sorted by dst_domain first, so that is a narrow
 * read. Lists come back as arrays (empty rather than NULL), and `mode()` is spelled out with ties to
 * the smaller value.
 * NOTE: on a sharded cluster the IN subqueries over `links` by source (pages, interlinks) would read
 * other shards; that layout is not tested (docs/scale-out.md).
 */
import type { Store } from '../../store/index.js';
import type { ContextQuery, ContextRows, DomainRow, LinkRow, PageRow } from './context-rows.js';

/** Each crawled domain's most common page template, ties to the smaller hash (as on DuckDB). */
const mainTemplateSql = (where = ''): string => `SELECT domain, template_hash AS template FROM pages
  WHERE template_hash IS NOT NULL ${where} GROUP BY domain, template_hash ORDER BY domain, count() DESC, template_hash LIMIT 1 BY domain`;

const FOLLOWED_SQL = `l.kind IN ('a', 'img') AND NOT l.nofollow AND NOT l.ugc AND NOT l.sponsored AND NOT l.meta_nofollow`;

export async function loadClickHouseContextRows(store: Store, q: ContextQuery): Promise<ContextRows> {
  const params = { ...q.scope.params, target_domain: q.targetDomain, paid: q.paidPattern };
  const live = `FROM links l WHERE l.lost_at IS NULL AND ${q.scope.sql} AND l.src_domain <> $target_domain`;
  const referring = `r AS (SELECT DISTINCT l.src_domain AS domain ${live})`;
  const links = await store.all<LinkRow>(
    `SELECT l.id AS id, l.src_url AS src_url, l.dst_url AS dst_url, l.src_host AS src_host, l.src_domain AS src_domain, l.kind AS kind, l.anchor AS anchor,
            l.nofollow AS nofollow, l.ugc AS ugc, l.sponsored AS sponsored, l.meta_nofollow AS meta_nofollow, l.hidden AS hidden, l.position AS position,
            l.first_seen AS first_seen, l.http_status AS http_status
       ${live} ORDER BY src_domain, id`,
    params,
  );
  const pages = await store.all<PageRow>(
    `WITH src AS (SELECT DISTINCT l.src_url AS src_url ${live}),
     out AS (
       SELECT l.src_url AS src_url, toInt32(count()) AS ext_links, toInt32(uniqExact(l.dst_domain)) AS ext_domains FROM links l
        WHERE l.src_url IN (SELECT src_url FROM src) AND l.lost_at IS NULL AND l.kind IN ('a', 'img') AND l.dst_domain <> l.src_domain
        GROUP BY l.src_url),
     pg AS (SELECT url, word_count, lang, text FROM pages WHERE url IN (SELECT src_url FROM src))
     SELECT src.src_url AS url, pg.word_count AS word_count, pg.lang AS lang, coalesce(out.ext_links, 0) AS ext_links,
            coalesce(out.ext_domains, 0) AS ext_domains, nullIf(extract(lower(pg.text), $paid), '') AS paid
       FROM src LEFT JOIN pg ON pg.url = src.src_url LEFT JOIN out ON out.src_url = src.src_url`,
    params,
  );
  const domains = await store.all<DomainRow>(
    `WITH ${referring},
     p AS (
       SELECT domain, toInt32(count()) AS pages,
              toInt32(countIf(status BETWEEN 200 AND 299 AND ifNull(content_type, '') ILIKE '%html%')) AS html_pages,
              arraySort(groupUniqArrayIf(assumeNotNull(ip), ip IS NOT NULL)) AS ips,
              arraySort(groupUniqArrayArray(tracking_ids)) AS tracking,
              arraySort(groupUniqArray(host)) AS hosts
         FROM pages WHERE domain IN (SELECT domain FROM r) GROUP BY domain),
     lg AS (
       SELECT domain, lang FROM pages WHERE domain IN (SELECT domain FROM r) AND lang IS NOT NULL
        GROUP BY domain, lang ORDER BY domain, count() DESC, lang LIMIT 1 BY domain),
     t AS (${mainTemplateSql('AND domain IN (SELECT domain FROM r)')})
     SELECT r.domain AS domain, d.pagerank AS pagerank, d.trust AS trust, d.spam_mass AS spam_mass, d.authority AS authority,
            coalesce(p.pages, 0) AS pages, coalesce(p.html_pages, 0) AS html_pages, p.ips AS ips, p.tracking AS tracking,
            t.template AS template, lg.lang AS lang, p.hosts AS hosts
       FROM r LEFT JOIN domains d ON d.domain = r.domain LEFT JOIN p ON p.domain = r.domain
       LEFT JOIN lg ON lg.domain = r.domain LEFT JOIN t ON t.domain = r.domain
      ORDER BY domain`,
    params,
  );
  const interlinks = await store.all<{ s: string; d: string }>(
    `WITH ${referring}
     SELECT DISTINCT l.src_domain AS s, l.dst_domain AS d FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND ${FOLLOWED_SQL}
        AND l.src_domain IN (SELECT domain FROM r) AND l.dst_domain IN (SELECT domain FROM r)`,
    params,
  );
  const followedOut = await store.all<{ domain: string; n: number }>(
    `WITH ${referring}
     SELECT l.src_domain AS domain, toInt32(uniqExact(l.dst_domain)) AS n FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND ${FOLLOWED_SQL} AND l.src_domain IN (SELECT domain FROM r)
      GROUP BY l.src_domain`,
    params,
  );
  const spread = await store.all<{ template: string; domains: number; ips: string[] | null }>(
    `WITH ${referring},
     main AS (${mainTemplateSql()}),
     wanted AS (SELECT DISTINCT template FROM main WHERE domain IN (SELECT domain FROM r))
     SELECT m.template AS template, toInt32(uniqExact(m.domain)) AS domains,
            arraySort(groupUniqArrayIf(assumeNotNull(p.ip), p.ip IS NOT NULL)) AS ips
       FROM main m JOIN wanted w ON w.template = m.template JOIN pages p ON p.domain = m.domain
      GROUP BY m.template`,
    params,
  );
  const ranked = await store.one<{ n: number }>(`SELECT toInt32(count()) AS n FROM domains WHERE pagerank IS NOT NULL`);
  const langRow = await store.one<{ lang: string | null }>(
    `SELECT lang FROM pages WHERE domain = $1 AND lang IS NOT NULL GROUP BY lang ORDER BY count() DESC, lang LIMIT 1`,
    [q.targetDomain],
  );
  return { links, pages, domains, interlinks, followedOut, spread, rankedDomains: ranked?.n ?? 0, targetLang: langRow?.lang ?? null };
}
