import type { Store } from './store.js';

export interface StoreSummary {
  databasePath: string;
  schemaVersion: number;
  /** Row count of each table the user's data lives in. */
  tables: Record<string, number>;
}

const TABLES = ['pages', 'links', 'link_events', 'hosts', 'domains', 'targets', 'jobs', 'frontier', 'disavow_entries', 'prospects', 'alerts'] as const;

/** What the store holds, for `vouch info` and the API's health route. */
export async function storeSummary(store: Store): Promise<StoreSummary> {
  const counts = TABLES.map((t) => `(SELECT count(*) FROM ${t})::BIGINT AS ${t}`).join(', ');
  const row = (await store.one<Record<string, bigint>>(`SELECT ${counts}`)) ?? {};
  const tables: Record<string, number> = {};
  for (const t of TABLES) tables[t] = Number(row[t] ?? 0);
  return { databasePath: store.databasePath, schemaVersion: await store.schemaVersion(), tables };
}
