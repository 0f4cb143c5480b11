import type { Store } from '../store/index.js';
import { toBacklinkRow } from './internal/backlink-row.js';
import type { BacklinkRow, LinkDbRow } from './internal/backlink-row.js';
import { EXTERNAL_SQL, LIVE_SQL, REL_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { brokenBacklinksQuery } from './schemas/broken-backlinks-query.js';
import type { BrokenBacklinksQuery } from './schemas/broken-backlinks-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, ReportPage } from './types.js';

/** A live backlink to a target page that answers 4xx or 5xx. */
export interface BrokenBacklinkRow extends BacklinkRow {
  /** The status the target page answered on its last crawl. */
  targetStatus: number;
}

export interface BrokenBacklinksResult extends ReportPage<BrokenBacklinkRow> {
  /** Distinct broken target pages among the matching links. */
  pages: number;
  refDomains: number;
}

export const BROKEN_BACKLINK_COLUMNS: readonly ReportColumn<BrokenBacklinkRow>[] = [
  { key: 'targetUrl', header: 'broken page' },
  { key: 'targetStatus', header: 'status', align: 'right' },
  { key: 'sourceUrl', header: 'linked from' },
  { key: 'authority', header: 'authority', align: 'right' },
  { key: 'anchor', header: 'anchor' },
  { key: 'followed', header: 'followed' },
  { key: 'firstSeen', header: 'first seen' },
];

/** Named one by one: ClickHouse names a column that pages or domains also have (nofollow, first_seen) `l.x` unless aliased. */
const LINK_COLUMNS = ['id', 'src_url', 'src_host', 'src_domain', 'dst_url', 'anchor', 'kind', 'nofollow', 'ugc', 'sponsored', 'meta_nofollow', 'hidden', 'position', 'context', 'http_status', 'first_seen', 'last_seen', 'lost_at', 'lost_reason']
  .map((c) => `l.${c} AS ${c}`)
  .join(', ');

const SORT_SQL = { authority: 'd.authority', targetUrl: 'l.dst_url', sourceDomain: 'l.src_domain', firstSeen: 'l.first_seen', status: 'p.status' } as const;

/**
 * Links to reclaim: live backlinks whose target page answered 4xx or 5xx on its last crawl,
 * best sources first (by source authority, unknown last). Restore or redirect those pages to get
 * the links' value back.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 */
export async function brokenBacklinks(store: Store, input: BrokenBacklinksQuery): Promise<BrokenBacklinksResult> {
  const q = parseReportInput(brokenBacklinksQuery, input);
  const target = await resolveTarget(store, q.target);
  const b = new SqlBuilder(store.dialect);
  const where = [scopeSql(target, b), EXTERNAL_SQL, LIVE_SQL];
  const classes = q.statusClass ?? ['4xx', '5xx'];
  where.push(`(${classes.map((c) => (c === '4xx' ? 'p.status BETWEEN 400 AND 499' : 'p.status BETWEEN 500 AND 599')).join(' OR ')})`);
  if (q.rel) where.push(`(${q.rel.map((r) => REL_SQL[r]).join(' OR ')})`);
  if (q.minAuthority !== undefined) where.push(`d.authority >= ${b.p(q.minAuthority)}`);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const order = `${SORT_SQL[q.sort]} ${dir} NULLS LAST, d.authority DESC NULLS LAST, l.dst_url, l.src_url, l.id`;
  const rows = await store.all<LinkDbRow & { target_status: number; total: bigint; pages: bigint; domains: bigint }>(
    `WITH m AS (
       SELECT ${LINK_COLUMNS}, d.authority AS authority, d.toxicity AS toxicity, p.status AS target_status,
         row_number() OVER (ORDER BY ${order}) AS rank
       FROM links l JOIN pages p ON p.url = l.dst_url LEFT JOIN domains d ON d.domain = l.src_domain
       WHERE ${where.join(' AND ')}
       ${q.onePerDomain ? `QUALIFY row_number() OVER (PARTITION BY l.src_domain ORDER BY ${order}) = 1` : ''}
     )
     SELECT *, count(*) OVER () AS total, (SELECT count(DISTINCT dst_url) FROM m) AS pages, (SELECT count(DISTINCT src_domain) FROM m) AS domains
     FROM m ORDER BY rank LIMIT ${b.p(q.limit)} OFFSET ${b.p(q.offset)}`,
    b.params,
  );
  const first = rows[0];
  if (!first && q.offset > 0) {
    const head = await brokenBacklinks(store, { ...input, offset: 0, limit: 1 });
    return { ...head, rows: [], limit: q.limit, offset: q.offset };
  }
  return {
    target: targetRef(target),
    total: Number(first?.total ?? 0),
    pages: Number(first?.pages ?? 0),
    refDomains: Number(first?.domains ?? 0),
    limit: q.limit,
    offset: q.offset,
    rows: rows.map((r) => ({ ...toBacklinkRow(r), targetStatus: r.target_status })),
  };
}
