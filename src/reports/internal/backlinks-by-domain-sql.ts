import type { TargetRef } from '../types.js';
import { backlinkWhere, ROW_COLUMNS, sortKeySql } from './backlinks-sql.js';
import type { BacklinkFilterValues } from './backlinks-sql.js';
import type { CursorPosition } from './cursor.js';
import { rollupCounts } from './rollup-counts.js';
import type { RollupCounts } from './rollup-counts.js';
import { SqlBuilder } from './sql-builder.js';

/** The sorts whose key belongs to the source domain, not to the link. */
export const DOMAIN_SORTS = new Set(['authority', 'toxicity']);

/** The domains whose links can reach the page, with their sort key, and the totals. */
export interface DomainPageHead {
  links?: bigint;
  domains?: bigint;
  /** Each kept domain, its sort key and its matching links. */
  sel: { domain: string; k: unknown; n: bigint | number }[];
}

type PagePosition = { limit: number; offset: number; after: CursorPosition | null; totals: boolean };

/**
 * Phase 1a of a backlinks page sorted by a domain metric (authority, toxicity).
 *
 * Sorting a million links by their domain's authority means joining each of them to `domains`
 * before the top-N, and that join, not the scan, is most of the cost. But every link of a domain
 * shares its key, so the page can be found at domain grain: count the matching links per source
 * domain (the same pass gives the totals), rank the domains by key, and keep the key values whose
 * links start before `offset + limit`. Domains that tie on the key are kept or dropped together, so
 * ties still interleave by link id. Phase 1b ({@link domainPageLinksSql}) then reads only the links
 * of those domains.
 *
 * With a cursor, the domains at the cursor's key have an unknown share of their links already paged
 * past; they count as zero links ahead, which can only keep more domains than needed, never fewer.
 */
export function domainPageHeadSql(
  target: TargetRef,
  f: BacklinkFilterValues,
  page: PagePosition,
  rollup: RollupCounts | null = null,
  rollupMetrics = false,
): { sql: string; params: SqlBuilder['params'] } {
  const b = new SqlBuilder();
  // With its metrics current, the rollup row carries the domain's authority and toxicity: no join.
  const metrics = rollup !== null && rollupMetrics;
  // From the link rollup (see rollupBacklinkCounts), each domain's matching links are one row's count.
  const g = rollup
    ? `SELECT r.src_domain AS domain, ${f.onePerDomain ? '1' : rollup.links} AS n${metrics ? ', r.authority, r.toxicity' : ''}
  FROM link_rollup_domains r
  WHERE r.dst_domain = ${b.p(target.value)} AND ${rollup.links} > 0`
    : `SELECT l.src_domain AS domain, ${f.onePerDomain ? '1' : 'count(*)'} AS n
  FROM links l
  WHERE ${linkWhere(target, f, b)}
  GROUP BY l.src_domain`;
  const domainPreds: string[] = [];
  if (f.minAuthority !== undefined) domainPreds.push(`d.authority >= ${b.p(f.minAuthority)}`);
  if (f.maxToxicity !== undefined) domainPreds.push(`(d.toxicity IS NULL OR d.toxicity <= ${b.p(f.maxToxicity)})`);
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  const cmp = f.order === 'desc' ? '<' : '>';
  const afterKey = page.after ? b.p(page.after.key) : null;
  const domainKeyset = afterKey ? `WHERE k ${cmp} ${afterKey} OR k = ${afterKey}` : '';
  const linksAhead = afterKey ? `CASE WHEN k = ${afterKey} THEN 0 ELSE n END` : 'n';
  const totals = page.totals ? `(SELECT coalesce(sum(n), 0) FROM gk) AS links, (SELECT count(*) FROM gk) AS domains,` : '';
  // The sort key and the metric filters read `d`: the rollup's rows themselves, or the joined domains.
  const gk = metrics ? 'd' : 'g';
  const sql = `WITH g AS MATERIALIZED (
  ${g}
), gk AS MATERIALIZED (
  SELECT ${gk}.domain, ${gk}.n, ${sortKeySql(f.sort, f.order)} AS k
  FROM ${metrics ? 'g d' : 'g LEFT JOIN domains d ON d.domain = g.domain'}
  ${domainPreds.length > 0 ? `WHERE ${domainPreds.join(' AND ')}` : ''}
), ks AS (
  SELECT k, sum(n) AS n FROM gk ${domainKeyset} GROUP BY k
), kb AS (
  SELECT k, coalesce(sum(${linksAhead}) OVER (ORDER BY k ${dir} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS ahead FROM ks
)
SELECT ${totals} (SELECT coalesce(list({'domain': gk.domain, 'k': gk.k, 'n': gk.n}), []) FROM gk JOIN kb ON kb.k = gk.k WHERE kb.ahead < ${b.p(page.offset + page.limit)}) AS sel`;
  return { sql, params: b.params };
}

/**
 * Phase 1b: the page's ids and keys among the links of the domains phase 1a kept, as `{id, k}`
 * entries like the general phase 1. The domains go in as an IN list over the narrow columns only;
 * joining the links to the kept domains instead costs several times more on a million rows.
 * NOTE: DuckDB turns a long IN list into a mark join evaluated after the scan, so every column named
 * here is read for every link of the target: with many kept domains, fetching the page's wide
 * columns in this statement was measured slower than phase 2. With `rows`, used when the kept
 * domains have few links (see fetch-backlink-page.ts), it returns the page's full rows in page order
 * instead, with their key `k` and their domain's live metrics: one scan of the target instead of two.
 */
export function domainPageLinksSql(
  target: TargetRef,
  f: BacklinkFilterValues,
  page: PagePosition,
  sel: DomainPageHead['sel'],
  rows = false,
): { sql: string; params: SqlBuilder['params'] } {
  const b = new SqlBuilder();
  const where = linkWhere(target, f, b);
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  const cmp = f.order === 'desc' ? '<' : '>';
  const inList = sel.map((s) => b.p(s.domain)).join(', ');
  const domains = b.p(sel.map((s) => s.domain));
  // Keys travel as text: a VARCHAR[] binds, and '-Infinity' casts back to the DOUBLE it came from.
  const keys = b.p(sel.map((s) => String(s.k)));
  const qualify = f.onePerDomain ? `QUALIFY row_number() OVER (PARTITION BY l.src_domain ORDER BY l.id ${dir}) = 1` : '';
  let keyset = '';
  if (page.after) {
    const k = b.p(page.after.key);
    keyset = `WHERE (s.k ${cmp} ${k} OR (s.k = ${k} AND m0.id ${cmp} ${b.p(page.after.id)}))`;
  }
  const final = rows
    ? `SELECT p.*, d.authority, d.toxicity FROM page p LEFT JOIN domains d ON d.domain = p.src_domain ORDER BY p.k ${dir}, p.id ${dir}`
    : `SELECT coalesce(list({'id': id, 'k': k} ORDER BY k ${dir}, id ${dir}), []) AS page FROM page`;
  const sql = `WITH m0 AS (
  SELECT ${rows ? ROW_COLUMNS : 'l.id, l.src_domain'}
  FROM links l
  WHERE ${where} AND l.src_domain IN (${inList})
  ${qualify}
), s AS (
  SELECT unnest(${domains}::VARCHAR[]) AS domain, unnest(${keys}::DOUBLE[]) AS k
), page AS (
  SELECT ${rows ? 'm0.*' : 'm0.id'}, s.k FROM m0 JOIN s ON s.domain = m0.src_domain ${keyset}
  ORDER BY s.k ${dir}, m0.id ${dir} LIMIT ${b.p(page.limit)} OFFSET ${b.p(page.offset)}
)
${final}`;
  return { sql, params: b.params };
}

/** The filters phase 1a can answer from the link rollup (domain metrics from its copies while current, else joined live). */
const ROLLUP_FILTERS = new Set<string>(['target', 'rel', 'state', 'minAuthority', 'maxToxicity', 'onePerDomain', 'sort', 'order'] satisfies (keyof BacklinkFilterValues)[]);

/**
 * The rollup counts that answer phase 1a for these filters, or null when the rollup cannot: it is
 * keyed by target domain and source domain, so it answers a domain-scoped target filtered at most
 * by state and `rel=follow`, besides the domain metrics.
 */
export function rollupBacklinkCounts(target: TargetRef, f: BacklinkFilterValues): RollupCounts | null {
  if (target.scope !== 'domain') return null;
  // A filter not listed here (a new one included) sends the query to the links table.
  if (Object.entries(f).some(([k, v]) => v !== undefined && !ROLLUP_FILTERS.has(k))) return null;
  return rollupCounts(f.state, f.rel);
}

/** The per-link conditions; domain metrics filter whole domains, in phase 1a. */
function linkWhere(target: TargetRef, f: BacklinkFilterValues, b: SqlBuilder): string {
  return backlinkWhere(target, { ...f, minAuthority: undefined, maxToxicity: undefined }, b).where;
}
