import { registrableDomain } from '../core/registrable-domain.js';
import type { Store } from '../store/index.js';
import { EXTERNAL_SQL, LIVE_SQL, REL_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { targetSummaryQuery } from './schemas/target-summary-query.js';
import type { TargetSummaryQuery } from './schemas/target-summary-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { TargetRef } from './types.js';

/** How many referring domains fall in a score band: `from` ≤ score < `to` (the last band includes 100). */
export interface ScoreBand {
  from: number;
  to: number;
  refDomains: number;
}

/** The backlink profile of a target at a glance: what a dashboard's overview shows. */
export interface TargetSummary {
  target: TargetRef;
  /** Authority 0-100 of the target's registrable domain; null until `vouch rank` has run. */
  authority: number | null;
  /** Live external backlinks. */
  backlinks: number;
  /** Domains with a live backlink. */
  refDomains: number;
  /** Live backlinks per rel class; a link can be in more than one (ugc and nofollow), as in the backlinks `rel` filter. */
  rel: { follow: number; nofollow: number; ugc: number; sponsored: number };
  /** Live referring domains by authority, ten bands of ten. */
  authorityBands: ScoreBand[];
  /** Live referring domains not yet ranked. */
  unranked: number;
  /** Live referring domains by toxicity, ten bands of ten (all zero until the audit has run). */
  toxicityBands: ScoreBand[];
  /** Live referring domains with a toxicity score. */
  audited: number;
}

interface Row {
  backlinks: bigint;
  ref_domains: bigint;
  follow: bigint;
  nofollow: bigint;
  ugc: bigint;
  sponsored: bigint;
}

interface BandRow {
  metric: 'authority' | 'toxicity';
  band: number | null;
  n: bigint;
}

const BANDS = 10;

/** The band of a 0-100 score column, NULL when unscored. NOTE: DuckDB's least() skips NULLs, hence the CASE. */
const band = (column: string): string => `CASE WHEN ${column} IS NULL THEN NULL ELSE least(floor(${column} / 10), ${BANDS - 1})::INTEGER END`;

function bands(rows: BandRow[], metric: BandRow['metric']): ScoreBand[] {
  const out = Array.from({ length: BANDS }, (_, i) => ({ from: i * 10, to: (i + 1) * 10, refDomains: 0 }));
  for (const r of rows) if (r.metric === metric && r.band !== null) out[Number(r.band)]!.refDomains += Number(r.n);
  return out;
}

/**
 * Totals, rel classes and the authority and toxicity distributions of a target's live backlinks.
 * Counts agree with the backlinks and refdomains reports (`total` with the same filters), so a
 * chart built from this can be checked against them.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 * @example const s = await targetSummary(store, { target: 'acme' }); s.authorityBands[9].refDomains
 */
export async function targetSummary(store: Store, input: TargetSummaryQuery): Promise<TargetSummary> {
  const q = parseReportInput(targetSummaryQuery, input);
  const target = await resolveTarget(store, q.target);
  const host = target.scope === 'exact' || target.scope === 'prefix' ? new URL(target.value).hostname : target.value;
  const b = new SqlBuilder(store.dialect);
  const live = `${scopeSql(target, b)} AND ${EXTERNAL_SQL} AND ${LIVE_SQL}`;
  const totals = await store.one<Row>(
    `SELECT count(*) AS backlinks, count(DISTINCT l.src_domain) AS ref_domains,
       count(*) FILTER (WHERE ${REL_SQL.follow}) AS follow, count(*) FILTER (WHERE ${REL_SQL.nofollow}) AS nofollow,
       count(*) FILTER (WHERE ${REL_SQL.ugc}) AS ugc, count(*) FILTER (WHERE ${REL_SQL.sponsored}) AS sponsored
     FROM links l WHERE ${live}`,
    b.params,
  );
  // NOTE: bands use the same bounds as the refdomains min/max filters: 100 falls in the last band.
  const bandRows = await store.all<BandRow>(
    `WITH r AS (SELECT DISTINCT l.src_domain AS domain FROM links l WHERE ${live}),
     m AS (SELECT d.authority, d.toxicity FROM r LEFT JOIN domains d USING (domain))
     SELECT 'authority' AS metric, ${band('authority')} AS band, count(*) AS n FROM m GROUP BY ALL
     UNION ALL
     SELECT 'toxicity' AS metric, ${band('toxicity')} AS band, count(*) AS n FROM m GROUP BY ALL`,
    b.params,
  );
  const authority = await store.one<{ authority: number | null }>(`SELECT authority FROM domains WHERE domain = $1`, [registrableDomain(host)]);
  const authorityBands = bands(bandRows, 'authority');
  const toxicityBands = bands(bandRows, 'toxicity');
  const refDomains = Number(totals?.ref_domains ?? 0);
  const sum = (xs: ScoreBand[]): number => xs.reduce((s, x) => s + x.refDomains, 0);
  return {
    target: targetRef(target),
    authority: authority?.authority == null ? null : Number(authority.authority),
    backlinks: Number(totals?.backlinks ?? 0),
    refDomains,
    rel: { follow: Number(totals?.follow ?? 0), nofollow: Number(totals?.nofollow ?? 0), ugc: Number(totals?.ugc ?? 0), sponsored: Number(totals?.sponsored ?? 0) },
    authorityBands,
    unranked: refDomains - sum(authorityBands),
    toxicityBands,
    audited: sum(toxicityBands),
  };
}
