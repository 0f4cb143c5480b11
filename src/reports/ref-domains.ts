import type { Store } from '../store/index.js';
import { EXTERNAL_SQL, FOLLOWED_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { refDomainsQuery } from './schemas/ref-domains-query.js';
import type { RefDomainSort, RefDomainsQuery } from './schemas/ref-domains-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, ReportPage } from './types.js';

/** One domain linking to the target. */
export interface RefDomainRow {
  domain: string;
  /** Authority 0-100; null until `vouch rank` has run. */
  authority: number | null;
  /** Toxicity; null until the audit has run. */
  toxicity: number | null;
  /** Links ever seen from this domain to the target, live or lost. */
  links: number;
  liveLinks: number;
  /** Live links that pass equity. */
  followedLinks: number;
  firstSeen: Date;
  lastSeen: Date;
  /** Every link from the domain is lost. */
  lost: boolean;
  /** When the last link was lost (set when `lost`). */
  lostAt: Date | null;
}

export type RefDomainsResult = ReportPage<RefDomainRow>;

export const REF_DOMAIN_COLUMNS: readonly ReportColumn<RefDomainRow>[] = [
  { key: 'domain', header: 'domain' },
  { key: 'authority', header: 'authority', align: 'right' },
  { key: 'liveLinks', header: 'live links', align: 'right' },
  { key: 'followedLinks', header: 'followed', align: 'right' },
  { key: 'links', header: 'all links', align: 'right' },
  { key: 'firstSeen', header: 'first seen' },
  { key: 'lastSeen', header: 'last seen' },
  { key: 'lost', header: 'lost' },
  { key: 'toxicity', header: 'toxicity', align: 'right' },
];

const SORT_SQL: Record<RefDomainSort, string> = {
  authority: 'd.authority',
  toxicity: 'd.toxicity',
  domain: 'a.domain',
  links: 'a.links',
  liveLinks: 'a.live_links',
  followedLinks: 'a.followed_links',
  firstSeen: 'a.first_seen',
  lastSeen: 'a.last_seen',
};

interface Row {
  domain: string;
  authority: number | null;
  toxicity: number | null;
  links: bigint;
  live_links: bigint;
  followed_links: bigint;
  first_seen: Date;
  last_seen: Date;
  lost_at: Date | null;
  total: bigint;
}

/**
 * The domains linking to a target, one row each: authority, link counts, first and last seen,
 * whether every link is lost, and toxicity. Filters and sorts on each column; ties sort by domain.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 * @example await refDomains(store, { target: 'acme', minAuthority: 20, sort: 'authority' })
 */
export async function refDomains(store: Store, input: RefDomainsQuery): Promise<RefDomainsResult> {
  const q = parseReportInput(refDomainsQuery, input);
  const target = await resolveTarget(store, q.target);
  const b = new SqlBuilder(store.dialect);
  const having: string[] = [];
  if (q.state === 'live') having.push('a.live_links > 0');
  if (q.state === 'lost') having.push('a.live_links = 0');
  if (q.minAuthority !== undefined) having.push(`d.authority >= ${b.p(q.minAuthority)}`);
  if (q.maxAuthority !== undefined) having.push(`d.authority <= ${b.p(q.maxAuthority)}`);
  if (q.minToxicity !== undefined) having.push(`d.toxicity >= ${b.p(q.minToxicity)}`);
  if (q.maxToxicity !== undefined) having.push(`(d.toxicity IS NULL OR d.toxicity <= ${b.p(q.maxToxicity)})`);
  if (q.minLinks !== undefined) having.push(`a.links >= ${b.p(q.minLinks)}`);
  if (q.minFollowedLinks !== undefined) having.push(`a.followed_links >= ${b.p(q.minFollowedLinks)}`);
  if (q.firstSeenFrom) having.push(`a.first_seen >= ${b.p(q.firstSeenFrom)}`);
  if (q.firstSeenTo) having.push(`a.first_seen < ${b.p(q.firstSeenTo)}`);
  if (q.lastSeenFrom) having.push(`a.last_seen >= ${b.p(q.lastSeenFrom)}`);
  if (q.lastSeenTo) having.push(`a.last_seen < ${b.p(q.lastSeenTo)}`);
  if (q.search) having.push(b.contains('a.domain', b.p(q.search.toLowerCase())));
  const scope = scopeSql(target, b);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await store.all<Row>(
    `WITH a AS (
       SELECT l.src_domain AS domain, count(*) AS links,
         count(*) FILTER (WHERE l.lost_at IS NULL) AS live_links,
         count(*) FILTER (WHERE l.lost_at IS NULL AND ${FOLLOWED_SQL}) AS followed_links,
         min(l.first_seen) AS first_seen, max(l.last_seen) AS last_seen, max(l.lost_at) AS lost_at
       FROM links l WHERE ${scope} AND ${EXTERNAL_SQL}
       GROUP BY l.src_domain
     )
     SELECT a.*, d.authority, d.toxicity, count(*) OVER () AS total
     FROM a LEFT JOIN domains d ON d.domain = a.domain
     ${having.length > 0 ? `WHERE ${having.join(' AND ')}` : ''}
     ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, a.domain
     LIMIT ${b.p(q.limit)} OFFSET ${b.p(q.offset)}`,
    b.params,
  );
  return {
    target: targetRef(target),
    total: rows.length === 0 && q.offset > 0 ? (await refDomains(store, { ...input, offset: 0, limit: 1 })).total : Number(rows[0]?.total ?? 0),
    limit: q.limit,
    offset: q.offset,
    rows: rows.map((r) => ({
      domain: r.domain,
      authority: r.authority === null ? null : Number(r.authority),
      toxicity: r.toxicity === null ? null : Number(r.toxicity),
      links: Number(r.links),
      liveLinks: Number(r.live_links),
      followedLinks: Number(r.followed_links),
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      lost: Number(r.live_links) === 0,
      lostAt: Number(r.live_links) === 0 ? r.lost_at : null,
    })),
  };
}
