/**
 * What-if: the target's authority without some of its backlinks. The domain graph is built in
 * memory the way `vouch rank` builds it (live, followed `a` links between different domains,
 * duplicates once), PageRank and authority are computed on it as is, then again with the removed
 * links taken out, and the target's figures are compared.
 *
 * A `domain:` removal covers the domain's hosts and subdomains (as Google reads a disavow file);
 * a URL removal covers the links on that page. An edge from a referring domain to the target goes
 * when none of its followed links to the target is left.
 */
import { authority, buildGraph, pagerank } from '../graph/index.js';
import type { Store } from '../store/index.js';
import type { DisavowEntry } from './disavow/disavow-rules.js';
import { targetDomainOf } from './internal/audit-context.js';
import type { TargetRecord } from '../reports/index.js';

export interface WhatIfFigures {
  pagerank: number;
  authority: number;
  /** 1 for the domain with the most PageRank. */
  position: number;
  /** Referring domains with a followed link to the target. */
  followedReferringDomains: number;
}

export interface WhatIfResult {
  domain: string;
  before: WhatIfFigures;
  after: WhatIfFigures;
  removedDomains: number;
  removedLinks: number;
  domains: number;
  edges: number;
}

const FOLLOWED_LIVE = `kind = 'a' AND NOT nofollow AND NOT ugc AND NOT sponsored AND NOT meta_nofollow AND lost_at IS NULL`;

/** The same edges on ClickHouse: arrays for the removed domains and URLs, and countIf for FILTER. */
const CLICKHOUSE_EDGES_SQL = `WITH l AS (
    SELECT src_domain, dst_domain,
           (dst_domain = $1 AND (has($3, src_url) OR arrayExists(x -> src_host = x OR endsWith(src_host, concat('.', x)), $2))) AS gone
      FROM links WHERE ${FOLLOWED_LIVE} AND src_domain <> dst_domain)
  SELECT src_domain AS s, dst_domain AS d, toInt32(countIf(NOT gone)) AS kept, toInt32(countIf(gone)) AS removed
    FROM l GROUP BY src_domain, dst_domain ORDER BY s, d`;

function figures(names: readonly string[], src: Int32Array, dst: Int32Array, edgeCount: number, targetId: number): WhatIfFigures {
  const graph = buildGraph({ nodeCount: names.length, edgeCount, src, dst, weights: null });
  const scores = pagerank(graph).scores;
  const auth = authority(scores);
  let position = 1;
  for (let v = 0; v < scores.length; v++) if (scores[v]! > scores[targetId]!) position++;
  let referring = 0;
  for (let e = 0; e < edgeCount; e++) if (dst[e] === targetId && src[e] !== targetId) referring++;
  return { pagerank: scores[targetId]!, authority: Math.round(auth[targetId]! * 10) / 10, position, followedReferringDomains: referring };
}

/**
 * The target's PageRank, authority and rank position before and after removing `removals`.
 * @example const r = await whatIf(store, target, [{ kind: 'domain', value: 'spam.test' }]);
 */
export async function whatIf(store: Store, target: TargetRecord, removals: readonly DisavowEntry[]): Promise<WhatIfResult> {
  const domain = targetDomainOf(target);
  const domains = removals.filter((r) => r.kind === 'domain').map((r) => r.value);
  const urls = removals.filter((r) => r.kind === 'url').map((r) => r.value);
  const names = (
    await store.all<{ name: string }>(
      `SELECT DISTINCT name FROM (
         SELECT domain AS name FROM pages UNION ALL SELECT src_domain FROM links UNION ALL SELECT dst_domain FROM links
         UNION ALL SELECT domain FROM hosts UNION ALL SELECT domain FROM domains UNION ALL SELECT $1) ORDER BY name`,
      [domain],
    )
  ).map((r) => r.name);
  const idOf = new Map(names.map((n, i) => [n, i]));
  const rows = await store.all<{ s: string; d: string; kept: number; removed: number }>(
    store.dialect === 'clickhouse'
      ? CLICKHOUSE_EDGES_SQL
      : `WITH l AS (
       SELECT src_domain, dst_domain,
              (dst_domain = $1 AND (src_url IN (SELECT unnest($3::VARCHAR[]))
                OR EXISTS (SELECT 1 FROM (SELECT unnest($2::VARCHAR[]) AS d) x WHERE src_host = x.d OR ends_with(src_host, '.' || x.d)))) AS gone
         FROM links WHERE ${FOLLOWED_LIVE} AND src_domain <> dst_domain)
     SELECT src_domain AS s, dst_domain AS d, count(*) FILTER (WHERE NOT gone)::INTEGER AS kept, count(*) FILTER (WHERE gone)::INTEGER AS removed
       FROM l GROUP BY ALL ORDER BY s, d`,
    [domain, domains, urls],
  );
  const m = rows.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const srcAfter = new Int32Array(m);
  const dstAfter = new Int32Array(m);
  let after = 0;
  let removedLinks = 0;
  let removedDomains = 0;
  for (let e = 0; e < m; e++) {
    const row = rows[e]!;
    src[e] = idOf.get(row.s)!;
    dst[e] = idOf.get(row.d)!;
    removedLinks += row.removed;
    if (row.kept > 0) {
      srcAfter[after] = src[e]!;
      dstAfter[after] = dst[e]!;
      after++;
    } else removedDomains++;
  }
  const targetId = idOf.get(domain)!;
  return {
    domain,
    before: figures(names, src, dst, m, targetId),
    after: figures(names, srcAfter, dstAfter, after, targetId),
    removedDomains,
    removedLinks,
    domains: names.length,
    edges: m,
  };
}
