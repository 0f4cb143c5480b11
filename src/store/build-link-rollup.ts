/**
 * The link rollup: backlink counts pre-aggregated per (target domain, source domain) and per
 * (target domain, lower-cased anchor, image, source domain), as backlink indexes (Ahrefs, Semrush)
 * keep them. A target with a million backlinks from 50k domains then costs the anchors report and
 * the head of a backlinks page a scan of tens of thousands of rollup rows instead of a million links.
 *
 * Exactness: the rollup is stamped with the links epoch (link-epoch.ts) it was built at, read in the
 * same transaction as the links it counts; readers use it only while the stamp equals the current
 * epoch (linkRollupStatus), and fall back to the live query on the links table otherwise. The
 * domain grain also copies each source domain's authority and toxicity, so that a page sorted by
 * them needs no join to `domains`; those copies are stamped with the domains epoch and read only
 * while it has not moved (a `vouch rank` or audit since sends the reports back to the live join). DuckDB
 * only: ClickHouse reports always read the links table.
 *
 * Cost: one pass over the links per grain (an aggregate, then a sort by target domain so that a
 * target's rows share row groups and its zone maps skip the rest), run by `vouch optimize`.
 */
import { LINK_ROLLUP_ANCHORS_DDL, LINK_ROLLUP_DOMAINS_DDL } from './internal/link-rollup-ddl.js';
import { requireDuckDb } from './require-duckdb.js';
import type { Store } from './store.js';

export interface BuildLinkRollupResult {
  /** The links epoch the rollup is current at. */
  epoch: number;
  /** Rows of the domain grain and of the anchor grain. */
  domainRows: number;
  anchorRows: number;
  elapsedMs: number;
}

// NOTE: the same predicates as the reports' FOLLOWED_SQL and LIVE_SQL (src/reports/internal/link-sql.ts);
// test/reports/link-rollup.test.ts compares every rolled-up report with its live query.
const FOLLOWED = `NOT (l.nofollow OR l.ugc OR l.sponsored OR l.meta_nofollow)`;
const LIVE = `l.lost_at IS NULL`;
const COUNTS = `count(*) AS links, count(*) FILTER (WHERE ${LIVE}) AS live_links, count(*) FILTER (WHERE ${FOLLOWED}) AS followed_links,
  count(*) FILTER (WHERE ${LIVE} AND ${FOLLOWED}) AS live_followed_links`;

/**
 * Rebuild both grains of the rollup from the links table and stamp them with the current epoch.
 * @example await clusterLinks(store); await buildLinkRollup(store); // what `vouch optimize` does
 */
export async function buildLinkRollup(store: Store): Promise<BuildLinkRollupResult> {
  requireDuckDb(store, 'buildLinkRollup (ClickHouse reports read the links table)');
  const started = performance.now();
  const result = await store.transaction(async () => {
    await store.run(`DROP TABLE IF EXISTS link_rollup_domains`);
    await store.run(`DROP TABLE IF EXISTS link_rollup_anchors`);
    await store.run(LINK_ROLLUP_DOMAINS_DDL);
    await store.run(LINK_ROLLUP_ANCHORS_DDL);
    await store.run(`INSERT INTO link_rollup_domains
      SELECT r.*, d.authority, d.toxicity FROM (
        SELECT l.dst_domain, l.src_domain, ${COUNTS}, min(l.first_seen), max(l.last_seen), max(l.lost_at)
        FROM links l WHERE l.src_domain <> l.dst_domain
        GROUP BY l.dst_domain, l.src_domain
      ) r LEFT JOIN domains d ON d.domain = r.src_domain
      ORDER BY r.dst_domain, r.src_domain`);
    await store.run(`INSERT INTO link_rollup_anchors
      SELECT l.dst_domain, lower(l.anchor), l.kind = 'img', l.src_domain, ${COUNTS}
      FROM links l WHERE l.src_domain <> l.dst_domain AND l.kind IN ('a', 'img')
      GROUP BY ALL ORDER BY 1, 2, 3`);
    // Inside the transaction: the epochs read here are those whose links were just counted and
    // whose domain metrics were just copied.
    await store.run(`UPDATE link_rollup_state SET rollup_epoch = epoch, rollup_domains_epoch = domains_epoch, rollup_built_at = $1`, [new Date()]);
    return store.one<{ epoch: bigint; d: bigint; a: bigint }>(
      `SELECT epoch, (SELECT count(*) FROM link_rollup_domains) AS d, (SELECT count(*) FROM link_rollup_anchors) AS a FROM link_rollup_state`,
    );
  });
  await store.run('CHECKPOINT');
  return { epoch: Number(result?.epoch ?? 0), domainRows: Number(result?.d ?? 0), anchorRows: Number(result?.a ?? 0), elapsedMs: performance.now() - started };
}
