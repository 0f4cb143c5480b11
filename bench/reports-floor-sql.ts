/**
 * The floor of the report benchmarks: the same SQL the reports run, written out by hand with the
 * values inlined, run straight on the DuckDB connection (no parameter binding, no target lookup,
 * no validation, no row mapping). Two floors for the reports that read the link rollup once
 * `vouch optimize` built it: on the links table (what they run without a current rollup) and on the
 * rollup (what they run with one, its one-row freshness check included).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const FOLLOWED = `NOT (l.nofollow OR l.ugc OR l.sponsored OR l.meta_nofollow)`;

/** Top 100 referring domains by authority. */
export async function floorRefDomains(c: DuckDBConnection): Promise<number> {
  const r = await c.runAndReadAll(`WITH a AS (
      SELECT l.src_domain AS domain, count(*) AS links,
        count(*) FILTER (WHERE l.lost_at IS NULL) AS live_links,
        count(*) FILTER (WHERE l.lost_at IS NULL AND ${FOLLOWED}) AS followed_links,
        min(l.first_seen) AS first_seen, max(l.last_seen) AS last_seen, max(l.lost_at) AS lost_at
      FROM links l WHERE l.dst_domain = 'target.test' AND l.src_domain <> l.dst_domain
      GROUP BY l.src_domain
    )
    SELECT a.*, d.authority, d.toxicity, count(*) OVER () AS total
    FROM a LEFT JOIN domains d ON d.domain = a.domain
    WHERE a.live_links > 0
    ORDER BY d.authority DESC NULLS LAST, a.domain
    LIMIT 100 OFFSET 0`);
  return r.currentRowCount;
}

/**
 * Page 1 of followed backlinks by authority, with totals, in the report's three statements: the
 * domains that reach the page (at domain grain, with the totals), the page's ids among those
 * domains' links, then those rows.
 */
export async function floorBacklinks(c: DuckDBConnection): Promise<number> {
  return backlinksFrom(c, `SELECT l.src_domain AS domain, count(*) AS n FROM links l WHERE ${BACKLINKS_WHERE} GROUP BY l.src_domain`);
}

/**
 * The same page with its head (totals and domains) read from the link rollup alone: the rollup's
 * copy of each source domain's authority is the sort key while the domains epoch has not moved.
 */
export async function floorBacklinksRollup(c: DuckDBConnection): Promise<number> {
  await rollupCheck(c, true);
  return backlinksFrom(
    c,
    `SELECT r.src_domain AS domain, r.live_followed_links AS n, r.authority FROM link_rollup_domains r
    WHERE r.dst_domain = 'target.test' AND r.live_followed_links > 0`,
    `SELECT d.domain, d.n, coalesce(d.authority, '-Infinity'::DOUBLE) AS k FROM g d`,
  );
}

/**
 * The rollup's head with authority joined live from `domains` (after a rank or audit, until
 * optimize); with `oneScan: false`, the page in two scans, as before the one-scan page.
 */
export async function floorBacklinksRollupJoined(c: DuckDBConnection, oneScan = true): Promise<number> {
  await rollupCheck(c);
  const g = `SELECT r.src_domain AS domain, r.live_followed_links AS n FROM link_rollup_domains r
    WHERE r.dst_domain = 'target.test' AND r.live_followed_links > 0`;
  return backlinksFrom(c, g, JOINED_GK, oneScan);
}

const BACKLINKS_WHERE = `l.dst_domain = 'target.test' AND l.src_domain <> l.dst_domain AND l.lost_at IS NULL AND (${FOLLOWED})`;

async function rollupCheck(c: DuckDBConnection, metrics = false): Promise<void> {
  const r = await c.runAndReadAll(`SELECT rollup_epoch = epoch ${metrics ? 'AND rollup_domains_epoch = domains_epoch' : ''} FROM link_rollup_state`);
  if (r.getRows()[0]?.[0] !== true) throw new Error('the link rollup is not current: run clusterLinks and buildLinkRollup first');
}

const JOINED_GK = `SELECT g.domain, g.n, coalesce(d.authority, '-Infinity'::DOUBLE) AS k FROM g LEFT JOIN domains d ON d.domain = g.domain`;

const ROW_COLUMNS = `l.id, l.src_url, l.src_host, l.src_domain, l.dst_url, l.anchor, l.kind, l.nofollow, l.ugc, l.sponsored,
    l.meta_nofollow, l.hidden, l.position, l.context, l.http_status, l.first_seen, l.last_seen, l.lost_at, l.lost_reason`;

/**
 * The head, then (as the report: up to 750 links of the kept domains) the page's full rows in one
 * scan, or else the page's ids and then their rows. `oneScan: false` forces the second way, the
 * report's before the one-scan page (kept for A/B runs).
 */
async function backlinksFrom(c: DuckDBConnection, g: string, gk = JOINED_GK, oneScan = true): Promise<number> {
  const where = BACKLINKS_WHERE;
  const head = await c.runAndReadAll(`WITH g AS MATERIALIZED (
      ${g}
    ), gk AS MATERIALIZED (
      ${gk}
    ), kb AS (
      SELECT k, coalesce(sum(n) OVER (ORDER BY k DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS ahead
      FROM (SELECT k, sum(n) AS n FROM gk GROUP BY k)
    )
    SELECT (SELECT sum(n) FROM gk) AS links, (SELECT count(*) FROM gk) AS domains,
      (SELECT list({'domain': gk.domain, 'k': gk.k, 'n': gk.n}) FROM gk JOIN kb ON kb.k = gk.k WHERE kb.ahead < 101) AS sel`);
  const sel = (head.getRows()[0]?.[2] as { items: { entries: { domain: string; k: number; n: bigint } }[] } | null)?.items.map((x) => x.entries) ?? [];
  const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const keys = sel.map((x) => `(${quote(x.domain)}, ${Number.isFinite(x.k) ? x.k : `'${x.k}'::DOUBLE`})`).join(', ');
  if (oneScan && sel.reduce((n, x) => n + Number(x.n), 0) <= 750) {
    const rows = await c.runAndReadAll(`WITH page AS (
        SELECT m0.*, s.k FROM (SELECT ${ROW_COLUMNS} FROM links l WHERE ${where} AND l.src_domain IN (${sel.map((x) => quote(x.domain)).join(', ')})) m0
        JOIN (VALUES ${keys}) s(domain, k) ON s.domain = m0.src_domain
        ORDER BY s.k DESC, m0.id DESC LIMIT 101)
      SELECT p.*, d.authority, d.toxicity FROM page p LEFT JOIN domains d ON d.domain = p.src_domain ORDER BY p.k DESC, p.id DESC`);
    return rows.currentRowCount;
  }
  const page = await c.runAndReadAll(`SELECT list(id ORDER BY k DESC, id DESC) FROM (
      SELECT m0.id, s.k FROM (SELECT l.id, l.src_domain FROM links l WHERE ${where} AND l.src_domain IN (${sel.map((x) => quote(x.domain)).join(', ')})) m0
      JOIN (VALUES ${keys}) s(domain, k) ON s.domain = m0.src_domain
      ORDER BY s.k DESC, m0.id DESC LIMIT 101)`);
  const ids = (page.getRows()[0]?.[0] as { items: bigint[] } | null)?.items ?? [];
  const columns = ROW_COLUMNS;
  // Rows that `vouch optimize` clustered are found by one scan of the target's range, later ones by id.
  const bound = (await c.runAndReadAll(`SELECT CAST(progress->>'clusteredMaxId' AS BIGINT) FROM jobs WHERE kind = 'optimize' ORDER BY id DESC LIMIT 1`)).getRows()[0]?.[0] as bigint | undefined;
  const scanned = ids.filter((id) => bound !== undefined && id <= bound);
  const parts = ids.filter((id) => bound === undefined || id > bound).map((id) => `SELECT ${columns} FROM links l WHERE l.dst_domain = 'target.test' AND l.id = ${id}`);
  if (scanned.length > 0) parts.push(`SELECT ${columns} FROM links l WHERE l.dst_domain = 'target.test' AND l.id IN (${scanned.join(', ')})`);
  const rows = await c.runAndReadAll(`SELECT r.*, d.authority, d.toxicity FROM (${parts.join('\nUNION ALL ')}) r LEFT JOIN domains d ON d.domain = r.src_domain`);
  return rows.currentRowCount;
}

/** The anchor-text distribution (the classification in JS is ours alone). */
export async function floorAnchors(c: DuckDBConnection): Promise<number> {
  const r = await c.runAndReadAll(`SELECT anchor, image, sum(n) AS links, count(*) AS ref_domains, sum(f) AS followed_links
    FROM (
      SELECT lower(l.anchor) AS anchor, l.kind = 'img' AS image, l.src_domain, count(*) AS n, count(*) FILTER (WHERE ${FOLLOWED}) AS f
      FROM links l WHERE l.dst_domain = 'target.test' AND l.src_domain <> l.dst_domain AND l.lost_at IS NULL AND l.kind IN ('a', 'img')
      GROUP BY ALL
    ) AS pairs
    GROUP BY anchor, image`);
  return r.currentRowCount;
}

/** The anchor-text distribution from the link rollup's (anchor, domain) pairs. */
export async function floorAnchorsRollup(c: DuckDBConnection): Promise<number> {
  await rollupCheck(c);
  const r = await c.runAndReadAll(`SELECT anchor, image, sum(live_links) AS links, count(*) AS ref_domains, sum(live_followed_links) AS followed_links
    FROM link_rollup_anchors WHERE dst_domain = 'target.test' AND live_links > 0
    GROUP BY anchor, image`);
  return r.currentRowCount;
}

/** Link intersect with three competitors, min 1, top 100 by competitor count. */
export async function floorIntersect(c: DuckDBConnection): Promise<number> {
  const r = await c.runAndReadAll(`WITH x AS (
      SELECT l.src_domain AS domain, bool_or(l.dst_domain = 'target.test') AS t,
        bool_or(l.dst_domain = 'rival1.test') AS c0, bool_or(l.dst_domain = 'rival2.test') AS c1, bool_or(l.dst_domain = 'rival3.test') AS c2,
        count(*) FILTER (WHERE (l.dst_domain = 'rival1.test') OR (l.dst_domain = 'rival2.test') OR (l.dst_domain = 'rival3.test')) AS links
      FROM links l
      WHERE l.lost_at IS NULL AND l.src_domain <> l.dst_domain AND l.src_domain <> 'target.test'
        AND ((l.dst_domain = 'rival1.test') OR (l.dst_domain = 'rival2.test') OR (l.dst_domain = 'rival3.test') OR (l.dst_domain = 'target.test'))
      GROUP BY l.src_domain
    ), y AS (
      SELECT x.*, (x.c0::INTEGER + x.c1::INTEGER + x.c2::INTEGER) AS competitor_count FROM x
    )
    SELECT x.*, d.authority, count(*) OVER () AS total
    FROM y x LEFT JOIN domains d ON d.domain = x.domain
    WHERE NOT x.t AND competitor_count >= 1
    ORDER BY competitor_count DESC NULLS LAST, d.authority DESC NULLS LAST, x.domain
    LIMIT 100 OFFSET 0`);
  return r.currentRowCount;
}
