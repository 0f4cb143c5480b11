import type { BacklinkSort, BacklinksFilters } from '../schemas/backlinks-query.js';
import type { TargetRef } from '../types.js';
import type { CursorPosition, SortKeyType } from './cursor.js';
import { EXTERNAL_SQL, REL_SQL, stateSql } from './link-sql.js';
import { scopeSql } from './scope-sql.js';
import { SqlBuilder } from './sql-builder.js';

/** The link filters of a backlinks query, without paging. */
export type BacklinkFilterValues = Omit<BacklinksFilters, 'limit' | 'offset' | 'cursor'>;

/** Everything in a backlinks query but the page position, in a fixed key order. */
export function backlinkFilterValues(q: BacklinkFilterValues): BacklinkFilterValues {
  const { target, rel, kind, state, firstSeenFrom, firstSeenTo, lastSeenFrom, lastSeenTo, anchor, minAuthority, maxToxicity, sourceDomain, position, onePerDomain, sort, order } = q;
  return { target, rel, kind, state, firstSeenFrom, firstSeenTo, lastSeenFrom, lastSeenTo, anchor, minAuthority, maxToxicity, sourceDomain, position, onePerDomain, sort, order };
}

export const SORTS: Record<BacklinkSort, { expr: string; type: SortKeyType; nullable: boolean }> = {
  authority: { expr: 'd.authority', type: 'number', nullable: true },
  toxicity: { expr: 'd.toxicity', type: 'number', nullable: true },
  firstSeen: { expr: 'l.first_seen', type: 'time', nullable: false },
  lastSeen: { expr: 'l.last_seen', type: 'time', nullable: false },
  sourceUrl: { expr: 'l.src_url', type: 'text', nullable: false },
  sourceDomain: { expr: 'l.src_domain', type: 'text', nullable: false },
  targetUrl: { expr: 'l.dst_url', type: 'text', nullable: false },
  anchor: { expr: 'l.anchor', type: 'text', nullable: false },
};

export function sortKeyType(sort: BacklinkSort): SortKeyType {
  return SORTS[sort].type;
}

/**
 * The sort key as a never-null expression, so that keyset pagination can compare it: unknown
 * metrics sort last in either direction.
 */
export function sortKeySql(sort: BacklinkSort, order: 'asc' | 'desc', b?: SqlBuilder): string {
  const s = SORTS[sort];
  if (!s.nullable) return s.expr;
  if (b?.dialect === 'clickhouse') return `coalesce(${s.expr}, ${order === 'desc' ? '-inf' : 'inf'})`;
  return `coalesce(${s.expr}, '${order === 'desc' ? '-Infinity' : 'Infinity'}'::DOUBLE)`;
}

/** The WHERE clause of a backlinks query, and whether it reads `domains d`. */
export function backlinkWhere(target: TargetRef, f: BacklinkFilterValues, b: SqlBuilder): { where: string; joinsDomains: boolean } {
  const parts = [scopeSql(target, b), EXTERNAL_SQL, stateSql(f.state)];
  let joinsDomains = false;
  if (f.rel) parts.push(`(${f.rel.map((r) => REL_SQL[r]).join(' OR ')})`);
  if (f.kind) parts.push(`l.kind IN (${f.kind.map((k) => b.p(k)).join(', ')})`);
  if (f.position) parts.push(`l.position IN (${f.position.map((p) => b.p(p)).join(', ')})`);
  if (f.firstSeenFrom) parts.push(`l.first_seen >= ${b.p(f.firstSeenFrom)}`);
  if (f.firstSeenTo) parts.push(`l.first_seen < ${b.p(f.firstSeenTo)}`);
  if (f.lastSeenFrom) parts.push(`l.last_seen >= ${b.p(f.lastSeenFrom)}`);
  if (f.lastSeenTo) parts.push(`l.last_seen < ${b.p(f.lastSeenTo)}`);
  if (f.anchor) parts.push(b.contains('lower(l.anchor)', b.p(f.anchor.toLowerCase())));
  if (f.sourceDomain) {
    const source = b.p(f.sourceDomain.toLowerCase());
    parts.push(`(l.src_domain = ${source} OR l.src_host = ${source})`);
  }
  if (f.minAuthority !== undefined) {
    parts.push(`d.authority >= ${b.p(f.minAuthority)}`);
    joinsDomains = true;
  }
  if (f.maxToxicity !== undefined) {
    parts.push(`(d.toxicity IS NULL OR d.toxicity <= ${b.p(f.maxToxicity)})`);
    joinsDomains = true;
  }
  return { where: parts.join('\n  AND '), joinsDomains };
}

export const ROW_COLUMNS = `l.id, l.src_url, l.src_host, l.src_domain, l.dst_url, l.anchor, l.kind, l.nofollow, l.ugc, l.sponsored,
  l.meta_nofollow, l.hidden, l.position, l.context, l.http_status, l.first_seen, l.last_seen, l.lost_at, l.lost_reason`;

/** One entry of a page: a link id and its sort key, in page order. */
export interface PageEntry {
  id: bigint | number;
  k: unknown;
}

/**
 * Phase 1 of a backlinks page: the ids and sort keys of the page, and optionally the totals, in one
 * statement and one scan. Only narrow columns travel (id, domain, key); the matching rows are
 * materialised once and both the page (top-N) and the counts read them.
 * NOTE: fetching the wide columns of only the page's rows (phase 2, {@link backlinkRowsSql}) is what
 * keeps a page cheap: DuckDB would otherwise decompress every column of every matching link before
 * the top-N.
 */
export function backlinksPageSql(
  target: TargetRef,
  f: BacklinkFilterValues,
  page: { limit: number; offset: number; after: CursorPosition | null; totals: boolean },
): { sql: string; params: SqlBuilder['params'] } {
  const b = new SqlBuilder();
  const { where, joinsDomains } = backlinkWhere(target, f, b);
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  const key = sortKeySql(f.sort, f.order);
  const join = joinsDomains || SORTS[f.sort].nullable ? 'LEFT JOIN domains d ON d.domain = l.src_domain' : '';
  const qualify = f.onePerDomain ? `QUALIFY row_number() OVER (PARTITION BY l.src_domain ORDER BY ${key} ${dir}, l.id ${dir}) = 1` : '';
  const cmp = f.order === 'desc' ? '<' : '>';
  let keyset = '';
  if (page.after) {
    const k = b.p(page.after.key);
    keyset = `WHERE (k ${cmp} ${k} OR (k = ${k} AND id ${cmp} ${b.p(page.after.id)}))`;
  }
  const totals = page.totals ? `(SELECT count(*) FROM m) AS links, (SELECT count(DISTINCT src_domain) FROM m) AS domains,` : '';
  const sql = `WITH m AS MATERIALIZED (
  SELECT l.id, l.src_domain, ${key} AS k
  FROM links l ${join}
  WHERE ${where}
  ${qualify}
), page AS (
  SELECT id, k FROM m ${keyset} ORDER BY k ${dir}, id ${dir} LIMIT ${b.p(page.limit)} OFFSET ${b.p(page.offset)}
)
SELECT ${totals} (SELECT coalesce(list({'id': id, 'k': k} ORDER BY k ${dir}, id ${dir}), []) FROM page) AS page`;
  return { sql, params: b.params };
}

/**
 * Phase 2: the full rows of the given links, with their source domain's metrics. Links appended in
 * crawl order (ids above `clusteredBound`) ascend with row position, so a point lookup per id reads
 * one row group. Links that `vouch optimize` rewrote in destination order do not: for those, one
 * scan of the target's range with the ids as an IN list is cheaper than a lookup per id, each of
 * which would read that whole range. Large pages scan once in either layout.
 */
export function backlinkRowsSql(target: TargetRef, ids: readonly number[], clusteredBound = 0): { sql: string; params: SqlBuilder['params'] } {
  const b = new SqlBuilder();
  const scope = scopeSql(target, b);
  const scanned = ids.length > POINT_LOOKUPS_MAX ? ids : ids.filter((id) => id <= clusteredBound);
  const looked = ids.length > POINT_LOOKUPS_MAX ? [] : ids.filter((id) => id > clusteredBound);
  const parts = looked.map((id) => `SELECT ${ROW_COLUMNS} FROM links l WHERE ${scope} AND l.id = ${b.p(id)}`);
  if (scanned.length > 0) parts.push(`SELECT ${ROW_COLUMNS} FROM links l WHERE ${scope} AND l.id IN (${scanned.map((id) => b.p(id)).join(', ')})`);
  return { sql: `SELECT r.*, d.authority, d.toxicity FROM (${parts.join('\nUNION ALL ')}) r LEFT JOIN domains d ON d.domain = r.src_domain`, params: b.params };
}

/** Above this many rows, phase 2 scans once instead of looking up each id. */
const POINT_LOOKUPS_MAX = 250;
