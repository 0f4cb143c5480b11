import { CLICKHOUSE_TABLES } from './clickhouse-schema.js';
import type { ClickHouseStore } from './clickhouse-store.js';

export interface OptimizeClickHouseResult {
  /** Links after the merge (one row per link). */
  links: number;
  /** Row versions the merges dropped, summed over every table. */
  versionsMerged: number;
  elapsedMs: number;
}

/**
 * `vouch optimize` on ClickHouse: merge every table's parts with OPTIMIZE … FINAL, so that the
 * superseded row versions (a link seen again, a lost mark, a re-audit) are dropped on disk and the
 * FINAL views read one version per key without merging at query time. Rows are already kept in
 * sorting-key order (dst_domain first), so there is nothing to re-cluster as on DuckDB.
 * On a cluster, the sharded tables are merged on every shard (`*_local ON CLUSTER`), and the
 * replicated small tables once (the merge replicates).
 * @example await optimizeClickHouse(store) // after a large ingest, before reports
 */
export async function optimizeClickHouse(store: ClickHouseStore): Promise<OptimizeClickHouseResult> {
  const started = performance.now();
  const before = await rowCount(store);
  for (const t of CLICKHOUSE_TABLES) {
    const table = store.cluster && t.kind === 'fact' ? `${t.name}_local ON CLUSTER ${store.cluster}` : `${t.name}_data`;
    // Old servers (the 18.16 smoke tier) accept OPTIMIZE … FINAL too; DEDUPLICATE is not needed: versions, not copies, are merged.
    await store.run(`OPTIMIZE TABLE ${store.database}.${table} FINAL`);
  }
  const after = await rowCount(store);
  const links = Number((await store.one<{ n: bigint | number }>(`SELECT count() AS n FROM links`))?.n ?? 0);
  return { links, versionsMerged: before - after, elapsedMs: performance.now() - started };
}

/** Stored row versions in every table, before FINAL. */
async function rowCount(store: ClickHouseStore): Promise<number> {
  let total = 0;
  for (const t of CLICKHOUSE_TABLES) total += Number((await store.one<{ n: bigint | number }>(`SELECT count() AS n FROM ${t.name}_data`))?.n ?? 0);
  return total;
}
