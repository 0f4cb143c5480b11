import type { Store } from '../store/index.js';
import { CRAWL_STATUS_SQL, crawlStatusOf } from './internal/crawl-status.js';
import { EXTERNAL_SQL, FOLLOWED_SQL, LIVE_SQL, REL_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { bestPagesQuery } from './schemas/best-pages-query.js';
import type { BestPagesQuery, CrawlStatus } from './schemas/best-pages-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, ReportPage } from './types.js';

/** One page of the target with live backlinks. */
export interface BestPageRow {
  url: string;
  refDomains: number;
  backlinks: number;
  followedRefDomains: number;
  /** HTTP status of the last crawl; null when never fetched (0: the fetch failed). */
  status: number | null;
  crawlStatus: CrawlStatus;
  /** The page answers 4xx or 5xx: its backlinks are wasted until it is restored or redirected. */
  broken: boolean;
  title: string | null;
  fetchedAt: Date | null;
  firstSeen: Date;
  lastSeen: Date;
}

export type BestPagesResult = ReportPage<BestPageRow>;

export const BEST_PAGE_COLUMNS: readonly ReportColumn<BestPageRow>[] = [
  { key: 'url', header: 'page' },
  { key: 'refDomains', header: 'domains', align: 'right' },
  { key: 'backlinks', header: 'backlinks', align: 'right' },
  { key: 'followedRefDomains', header: 'followed domains', align: 'right' },
  { key: 'status', header: 'status', align: 'right' },
  { key: 'crawlStatus', header: 'crawl' },
  { key: 'firstSeen', header: 'first seen' },
];

const SORT_SQL = { refDomains: 'a.ref_domains', backlinks: 'a.backlinks', url: 'a.url', status: 'p.status', firstSeen: 'a.first_seen', lastSeen: 'a.last_seen' } as const;

interface Row {
  url: string;
  ref_domains: bigint;
  backlinks: bigint;
  followed_ref_domains: bigint;
  status: number | null;
  title: string | null;
  fetched_at: Date | null;
  first_seen: Date;
  last_seen: Date;
  total: bigint;
}

/**
 * The target's pages ranked by live referring domains, then backlinks, with how each answered its
 * last crawl, so that a 404 page that still earns links stands out (`broken`).
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 */
export async function bestPages(store: Store, input: BestPagesQuery): Promise<BestPagesResult> {
  const q = parseReportInput(bestPagesQuery, input);
  const target = await resolveTarget(store, q.target);
  const b = new SqlBuilder(store.dialect);
  const where = [scopeSql(target, b), EXTERNAL_SQL, LIVE_SQL];
  if (q.rel) where.push(`(${q.rel.map((r) => REL_SQL[r]).join(' OR ')})`);
  const outer: string[] = [];
  if (q.crawlStatus) outer.push(`(${CRAWL_STATUS_SQL}) IN (${q.crawlStatus.map((s) => b.p(s)).join(', ')})`);
  if (q.minRefDomains !== undefined) outer.push(`a.ref_domains >= ${b.p(q.minRefDomains)}`);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await store.all<Row>(
    `WITH a AS (
       SELECT l.dst_url AS url, count(DISTINCT l.src_domain) AS ref_domains, count(*) AS backlinks,
         count(DISTINCT l.src_domain) FILTER (WHERE ${FOLLOWED_SQL}) AS followed_ref_domains,
         min(l.first_seen) AS first_seen, max(l.last_seen) AS last_seen
       FROM links l WHERE ${where.join(' AND ')}
       GROUP BY l.dst_url
     )
     SELECT a.*, p.status, p.title, p.fetched_at, count(*) OVER () AS total
     FROM a LEFT JOIN pages p ON p.url = a.url
     ${outer.length > 0 ? `WHERE ${outer.join(' AND ')}` : ''}
     ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, a.backlinks DESC, a.url
     LIMIT ${b.p(q.limit)} OFFSET ${b.p(q.offset)}`,
    b.params,
  );
  return {
    target: targetRef(target),
    total: rows.length === 0 && q.offset > 0 ? (await bestPages(store, { ...input, offset: 0, limit: 1 })).total : Number(rows[0]?.total ?? 0),
    limit: q.limit,
    offset: q.offset,
    rows: rows.map((r) => ({
      url: r.url,
      refDomains: Number(r.ref_domains),
      backlinks: Number(r.backlinks),
      followedRefDomains: Number(r.followed_ref_domains),
      status: r.status,
      crawlStatus: crawlStatusOf(r.status),
      broken: r.status !== null && r.status >= 400,
      title: r.title,
      fetchedAt: r.fetched_at,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
    })),
  };
}
