/**
 * Rewrite the links table in destination order (dst_domain, dst_host, dst_url), so that a target's
 * backlinks sit together. DuckDB skips whole row groups whose min/max statistics exclude the
 * filter, so every report on a target then reads its own row groups instead of scanning links in
 * crawl order. Ids, every column and the table's own DDL (constraints, defaults) are kept: the new
 * table is created from the DDL DuckDB reports for the old one.
 */
import { CriticalError } from '../core/errors.js';
import { BUMP_LINK_EPOCH_SQL } from './link-epoch.js';
import { requireDuckDb } from './require-duckdb.js';
import type { Store } from './store.js';

export interface ClusterLinksOptions {
  /** Leave the table as it is below this many links: a small table is scanned in a blink anyway. */
  minLinks?: number;
}

export const CLUSTER_LINKS_DEFAULTS = { minLinks: 200_000 } satisfies Required<ClusterLinksOptions>;

export interface ClusterLinksResult {
  links: number;
  clustered: boolean;
  elapsedMs: number;
}

/**
 * @example await clusterLinks(store) // after a crawl or an import, before reports
 */
export async function clusterLinks(store: Store, options: ClusterLinksOptions = {}): Promise<ClusterLinksResult> {
  requireDuckDb(store, 'clusterLinks (ClickHouse keeps links in sorting-key order; see optimizeClickHouse)');
  const o = { ...CLUSTER_LINKS_DEFAULTS, ...options };
  const started = performance.now();
  const count = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links`))?.n ?? 0n);
  if (count < o.minLinks) return { links: count, clustered: false, elapsedMs: performance.now() - started };
  const ddl = (await store.one<{ sql: string }>(`SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'links'`))?.sql;
  const create = ddl?.replace(/^CREATE TABLE (?:main\.)?"?links"?\s*\(/i, 'CREATE TABLE links_clustered (');
  if (!create || create === ddl) throw new CriticalError('INTERNAL', `Cannot read the DDL of the links table to rewrite it: ${ddl?.slice(0, 80) ?? 'none'}`);
  await store.transaction(async () => {
    await store.run(create);
    await store.run(`INSERT INTO links_clustered SELECT * FROM links ORDER BY dst_domain, dst_host, dst_url, src_domain`);
    await store.run(`DROP TABLE links`);
    await store.run(`ALTER TABLE links_clustered RENAME TO links`);
    // The same links in a new table: counted as a write all the same, so that nothing built on the
    // old table (the link rollup) is trusted without being rebuilt.
    await store.run(BUMP_LINK_EPOCH_SQL);
    // Readers need to know which ids no longer ascend with row position (see clusteredLinkIdBound).
    const now = new Date();
    await store.run(
      `INSERT INTO jobs (kind, job_key, state, progress, started_at, updated_at, finished_at)
       SELECT 'optimize', 'links', 'done', json_object('clusteredMaxId', coalesce(max(id), 0), 'links', count(*)), $1, $1, $1 FROM links`,
      [now],
    );
  });
  await store.run('CHECKPOINT');
  return { links: count, clustered: true, elapsedMs: performance.now() - started };
}

/**
 * The highest link id that the last clustering rewrote. Links up to it sit in destination order, so
 * their ids no longer follow row position and a lookup by id must scan the target's range once;
 * links written since then are appended in id order, where a point lookup reads one row group.
 * 0 when the links were never clustered.
 */
export async function clusteredLinkIdBound(store: Store): Promise<number> {
  const row = await store.one<{ bound: bigint | number | null }>(
    `SELECT CAST(progress->>'clusteredMaxId' AS BIGINT) AS bound FROM jobs WHERE kind = 'optimize' AND state = 'done' ORDER BY id DESC LIMIT 1`,
  );
  return Number(row?.bound ?? 0);
}
