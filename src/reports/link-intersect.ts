import { NotFoundError, ValidationError } from '../core/errors.js';
import { registrableDomain } from '../core/registrable-domain.js';
import type { Store } from '../store/index.js';
import { EXTERNAL_SQL, LIVE_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { linkIntersectQuery, MAX_COMPETITORS } from './schemas/link-intersect-query.js';
import type { LinkIntersectQuery } from './schemas/link-intersect-query.js';
import { listTargets } from './targets/list-targets.js';
import { resolveSite } from './targets/resolve-site.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, ReportPage, TargetRef } from './types.js';

/** A domain that links to competitors but not to the target. */
export interface IntersectRow {
  domain: string;
  authority: number | null;
  /** Names of the competitors it links to, in the order they were given. */
  competitors: string[];
  competitorCount: number;
  /** Live links from the domain to those competitors. */
  links: number;
}

export interface LinkIntersectResult extends ReportPage<IntersectRow> {
  competitors: TargetRef[];
  min: number;
}

export const INTERSECT_COLUMNS: readonly ReportColumn<IntersectRow>[] = [
  { key: 'domain', header: 'domain' },
  { key: 'authority', header: 'authority', align: 'right' },
  { key: 'competitorCount', header: 'competitors', align: 'right' },
  { key: 'competitors', header: 'links to' },
  { key: 'links', header: 'links', align: 'right' },
];

const SORT_SQL = { competitors: 'competitor_count', authority: 'd.authority', domain: 'x.domain', links: 'x.links' } as const;

function domainOfSite(site: TargetRef): string {
  if (site.scope === 'domain') return site.value;
  return registrableDomain(site.scope === 'host' ? site.value : new URL(site.value).hostname);
}

/**
 * Link intersect: the domains that link (live) to at least `min` of the competitors but not to
 * the target, with which competitors each links to and its authority. One scan of `links`: each
 * source domain gets a flag per site, so overlapping scopes are counted correctly. The target's
 * own domain is never listed.
 * @throws NotFoundError for an unknown target or competitor; ValidationError naming the bad parameter.
 * @example await linkIntersect(store, { target: 'acme', competitor: ['rival.com', 'other.com'], min: 2 })
 */
export async function linkIntersect(store: Store, input: LinkIntersectQuery): Promise<LinkIntersectResult> {
  const q = parseReportInput(linkIntersectQuery, input);
  const target = targetRef(await resolveTarget(store, q.target));
  const competitors: TargetRef[] = [];
  if (q.competitor && q.competitor.length > 0) {
    for (const c of q.competitor) {
      try {
        competitors.push(await resolveSite(store, c));
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        throw new ValidationError(`Invalid parameter competitor: ${JSON.stringify(c)} is neither a target nor a domain, host or URL`, [
          { where: 'competitor', message: `${JSON.stringify(c)} is neither a target nor a domain, host or URL` },
        ]);
      }
    }
  } else {
    const stored = await listTargets(store, { kind: 'competitor' });
    competitors.push(...stored.slice(0, MAX_COMPETITORS).map(targetRef));
  }
  if (competitors.length === 0) {
    throw new ValidationError('Invalid parameter competitor: give at least one competitor, or add one with vouch targets add --competitor', [
      { where: 'competitor', message: 'no competitors given and none stored' },
    ]);
  }
  if (q.min > competitors.length) {
    throw new ValidationError(`Invalid parameter min: ${q.min} is more than the ${competitors.length} competitors given`, [
      { where: 'min', message: `at most the number of competitors (${competitors.length})` },
    ]);
  }

  const b = new SqlBuilder(store.dialect);
  const flags = competitors.map((c) => scopeSql(c, b));
  const mine = scopeSql(target, b);
  const own = b.p(domainOfSite(target));
  const minParam = b.p(q.min);
  const outer: string[] = ['NOT x.t', `competitor_count >= ${minParam}`];
  if (q.minAuthority !== undefined) outer.push(`d.authority >= ${b.p(q.minAuthority)}`);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await store.all<Record<string, unknown> & { domain: string; authority: number | null; links: bigint; competitor_count: number; total: bigint }>(
    `WITH x AS (
       SELECT l.src_domain AS domain, ${b.boolOr(mine)} AS t,
         ${flags.map((f, i) => `${b.boolOr(f)} AS c${i}`).join(', ')},
         count(*) FILTER (WHERE ${flags.map((f) => `(${f})`).join(' OR ')}) AS links
       FROM links l
       WHERE ${LIVE_SQL} AND ${EXTERNAL_SQL} AND l.src_domain <> ${own} AND (${[...flags, mine].map((f) => `(${f})`).join(' OR ')})
       GROUP BY l.src_domain
     ), y AS (
       SELECT x.*, (${flags.map((_f, i) => `x.c${i}::INTEGER`).join(' + ')}) AS competitor_count FROM x
     )
     SELECT x.*, d.authority, count(*) OVER () AS total
     FROM y x LEFT JOIN domains d ON d.domain = x.domain
     WHERE ${outer.join(' AND ')}
     ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, d.authority DESC NULLS LAST, x.domain
     LIMIT ${b.p(q.limit)} OFFSET ${b.p(q.offset)}`,
    b.params,
  );
  const page: IntersectRow[] = rows.map((r) => {
    const names = competitors.filter((_c, i) => r[`c${i}`] === true).map((c) => c.name);
    return { domain: r.domain, authority: r.authority === null ? null : Number(r.authority), competitors: names, competitorCount: names.length, links: Number(r.links) };
  });
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && q.offset > 0) total = (await linkIntersect(store, { ...input, offset: 0, limit: 1 })).total;
  return { target, competitors, min: q.min, total, limit: q.limit, offset: q.offset, rows: page };
}
