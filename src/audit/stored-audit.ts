/**
 * The last audit of a target as stored, for the API and the dashboard: filtered and paged in SQL.
 */
import type { Store } from '../store/index.js';
import type { AuditQuery } from './schemas.js';
import type { DomainAudit, LinkScore, OverrideList, ScoredMarker } from './types.js';

/** A stored domain audit row: the same shape as the audit computes it. */
export type StoredAuditRow = DomainAudit;

export interface StoredAuditPage {
  computedAt: Date | null;
  total: number;
  rows: StoredAuditRow[];
}

/** One page of the stored audit of target `targetId`, most toxic first. */
export async function storedAudit(store: Store, targetId: number, q: Omit<AuditQuery, 'target'>): Promise<StoredAuditPage> {
  const params = { target: targetId, min: q.minToxicity ?? null, search: q.search ?? null, marker: q.marker ?? null };
  const { where, json } = store.dialect === 'clickhouse' ? clickHouseFilter(q) : DUCKDB_FILTER;
  const head = await store.one<{ total: number }>(`SELECT count(*)::INTEGER AS total FROM audit_results a WHERE ${where}`, params);
  const rows = await store.all<{
    domain: string; toxicity: number; computed_toxicity: number; override: OverrideList | null; authority: number | null;
    links: number; followed_links: number; markers: string; link_scores: string;
  }>(
    `SELECT a.domain AS domain, a.toxicity AS toxicity, a.computed_toxicity AS computed_toxicity, a.override AS override, d.authority AS authority,
            a.links AS links, a.followed_links AS followed_links, ${json('a.markers')} AS markers, ${json('a.link_scores')} AS link_scores
       FROM audit_results a LEFT JOIN domains d ON d.domain = a.domain
      WHERE ${where} ORDER BY a.toxicity DESC, a.domain LIMIT $limit OFFSET $offset`,
    { ...params, limit: q.limit, offset: q.offset },
  );
  // maxOrNull: on ClickHouse, max() over no rows is 1970-01-01, not NULL.
  const latest = store.dialect === 'clickhouse' ? 'maxOrNull(computed_at)' : 'max(computed_at)';
  const computedAt = (await store.one<{ at: Date | null }>(`SELECT ${latest} AS at FROM audit_results WHERE target_id = $1`, [targetId]))?.at ?? null;
  return {
    computedAt,
    total: head?.total ?? 0,
    rows: rows.map((r) => ({
      domain: r.domain,
      toxicity: r.toxicity,
      computedToxicity: r.computed_toxicity,
      override: r.override,
      authority: r.authority,
      links: Number(r.links),
      followedLinks: Number(r.followed_links),
      markers: JSON.parse(r.markers) as ScoredMarker[],
      linkScores: JSON.parse(r.link_scores) as LinkScore[],
    })),
  };
}

interface Filter {
  where: string;
  /** A JSON column as text. */
  json: (column: string) => string;
}

const DUCKDB_FILTER: Filter = {
  where: `a.target_id = $target AND ($min::DOUBLE IS NULL OR a.toxicity >= $min)
    AND ($search::VARCHAR IS NULL OR contains(a.domain, lower($search)))
    AND ($marker::VARCHAR IS NULL OR json_contains(json_extract(a.markers, '$[*].marker'), to_json($marker::VARCHAR)))`,
  json: (column) => `${column}::VARCHAR`,
};

/** ClickHouse cannot cast a NULL parameter to a plain type: only the filters given are written. JSON columns are text there. */
function clickHouseFilter(q: Omit<AuditQuery, 'target'>): Filter {
  const where = ['a.target_id = $target'];
  if (q.minToxicity !== undefined) where.push('a.toxicity >= $min');
  if (q.search !== undefined) where.push('position(a.domain, lower($search)) > 0');
  if (q.marker !== undefined) where.push(`has(arrayMap(m -> JSONExtractString(m, 'marker'), JSONExtractArrayRaw(a.markers)), $marker)`);
  return { where: where.join(' AND '), json: (column) => column };
}
