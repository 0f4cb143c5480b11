import type { Store } from '../store/index.js';
import { EXTERNAL_SQL, FOLLOWED_SQL, LIVE_SQL, REL_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { parseReportInput } from './parse-input.js';
import { outlinksQuery } from './schemas/outlinks-query.js';
import type { OutlinksQuery } from './schemas/outlinks-query.js';
import { resolveSite } from './targets/resolve-site.js';
import type { ReportColumn, ReportPage } from './types.js';

/** A domain the site links out to. */
export interface OutlinkRow {
  domain: string;
  authority: number | null;
  /** Live links from the site to the domain. */
  links: number;
  followedLinks: number;
  /** Pages of the site carrying those links. */
  sourcePages: number;
  /** Live links from the domain back to the site. */
  linksBack: number;
  /** The domain links back: a possible link exchange. */
  reciprocal: boolean;
  firstSeen: Date;
  lastSeen: Date;
}

export type OutlinksResult = ReportPage<OutlinkRow>;

export const OUTLINK_COLUMNS: readonly ReportColumn<OutlinkRow>[] = [
  { key: 'domain', header: 'links to' },
  { key: 'authority', header: 'authority', align: 'right' },
  { key: 'links', header: 'links', align: 'right' },
  { key: 'followedLinks', header: 'followed', align: 'right' },
  { key: 'sourcePages', header: 'pages', align: 'right' },
  { key: 'linksBack', header: 'links back', align: 'right' },
  { key: 'reciprocal', header: 'reciprocal' },
  { key: 'firstSeen', header: 'first seen' },
];

const SORT_SQL = { links: 'o.links', followedLinks: 'o.followed_links', linksBack: 'links_back', authority: 'd.authority', domain: 'o.domain', firstSeen: 'o.first_seen' } as const;

interface Row {
  domain: string;
  authority: number | null;
  links: bigint;
  followed_links: bigint;
  source_pages: bigint;
  links_back: bigint;
  first_seen: Date;
  last_seen: Date;
  total: bigint;
}

/**
 * The external links going out of a site, one row per destination domain, with how many links
 * come back from that domain: many reciprocal pairs hint at a link exchange. The site is a stored
 * target or any domain, host or URL.
 * @throws NotFoundError when the site is neither a target nor a host or URL; ValidationError naming the bad parameter.
 */
export async function outlinks(store: Store, input: OutlinksQuery): Promise<OutlinksResult> {
  const q = parseReportInput(outlinksQuery, input);
  const site = await resolveSite(store, q.site);
  const b = new SqlBuilder(store.dialect);
  const out = [scopeSql(site, b, 'src'), EXTERNAL_SQL, LIVE_SQL];
  if (q.rel) out.push(`(${q.rel.map((r) => REL_SQL[r]).join(' OR ')})`);
  const back = scopeSql(site, b, 'dst');
  const outer: string[] = [];
  if (q.reciprocal !== undefined) outer.push(q.reciprocal ? 'coalesce(k.links_back, 0) > 0' : 'coalesce(k.links_back, 0) = 0');
  if (q.minLinks !== undefined) outer.push(`o.links >= ${b.p(q.minLinks)}`);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  // Columns named one by one: beside the joins' `domain`, ClickHouse would name `o.*`'s column `o.domain`.
  const rows = await store.all<Row>(
    `WITH o AS (
       SELECT l.dst_domain AS domain, count(*) AS links, count(*) FILTER (WHERE ${FOLLOWED_SQL}) AS followed_links,
         count(DISTINCT l.src_url) AS source_pages, min(l.first_seen) AS first_seen, max(l.last_seen) AS last_seen
       FROM links l WHERE ${out.join(' AND ')}
       GROUP BY l.dst_domain
     ), k AS (
       SELECT l.src_domain AS domain, count(*) AS links_back
       FROM links l WHERE ${back} AND ${EXTERNAL_SQL} AND ${LIVE_SQL} AND l.src_domain IN (SELECT domain FROM o)
       GROUP BY l.src_domain
     )
     SELECT o.domain AS domain, o.links AS links, o.followed_links AS followed_links, o.source_pages AS source_pages, o.first_seen AS first_seen,
       o.last_seen AS last_seen, coalesce(k.links_back, 0) AS links_back, d.authority AS authority, count(*) OVER () AS total
     FROM o LEFT JOIN k USING (domain) LEFT JOIN domains d ON d.domain = o.domain
     ${outer.length > 0 ? `WHERE ${outer.join(' AND ')}` : ''}
     ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, o.domain
     LIMIT ${b.p(q.limit)} OFFSET ${b.p(q.offset)}`,
    b.params,
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && q.offset > 0) total = (await outlinks(store, { ...input, offset: 0, limit: 1 })).total;
  return {
    target: site,
    total,
    limit: q.limit,
    offset: q.offset,
    rows: rows.map((r) => ({
      domain: r.domain,
      authority: r.authority === null ? null : Number(r.authority),
      links: Number(r.links),
      followedLinks: Number(r.followed_links),
      sourcePages: Number(r.source_pages),
      linksBack: Number(r.links_back),
      reciprocal: Number(r.links_back) > 0,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
    })),
  };
}
