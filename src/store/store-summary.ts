import type { Store } from './store.js';

export interface StoreSummary {
  databasePath: string;
  schemaVersion: number;
  /** Row count of each table the user's data lives in (on ClickHouse, of those it holds). */
  tables: Record<string, number>;
}

const TABLES = ['pages', 'links', 'link_events', 'hosts', 'domains', 'targets', 'jobs', 'frontier', 'disavow_entries', 'prospects', 'alerts'] as const;

/** What the store holds, for `vouch info` and the API's health route. */
export async function storeSummary(store: Store): Promise<StoreSummary> {
  const tables: Record<string, number> = {};
  if (store.dialect === 'clickhouse') {
    // The ClickHouse store holds a subset (no jobs or frontier: those live in Redis and the queue);
    // each table is read through its FINAL view, so a row written twice counts once.
    const held = await store.all<{ name: string }>(`SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN $1`, [[...TABLES]]);
    const names = new Set(held.map((t) => t.name));
    for (const t of TABLES.filter((n) => names.has(n))) tables[t] = Number((await store.one<{ n: bigint }>(`SELECT count() AS n FROM ${t}`))?.n ?? 0);
  } else {
    const counts = TABLES.map((t) => `(SELECT count(*) FROM ${t})::BIGINT AS ${t}`).join(', ');
    const row = (await store.one<Record<string, bigint>>(`SELECT ${counts}`)) ?? {};
    for (const t of TABLES) tables[t] = Number(row[t] ?? 0);
  }
  return { databasePath: store.databasePath, schemaVersion: await store.schemaVersion(), tables };
}
