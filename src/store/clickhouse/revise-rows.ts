/**
 * Row updates on ClickHouse, where mutable tables are ReplacingMergeTree read through FINAL views
 * (clickhouse-schema.ts): an UPDATE becomes the same rows inserted again with some columns replaced
 * and a newer version, which the FINAL view then shows instead of the old ones.
 */
import type { SqlParams, Store } from '../store.js';

/**
 * `UPDATE table SET <replace> WHERE <where>` on ClickHouse. `replace` lists `expr AS column`, and
 * names the version column too unless it is `updated_at` (set to the server's now).
 * The rows are chosen in a subquery of their own: ClickHouse lets WHERE see SELECT aliases, so a
 * replaced column named in `where` would otherwise be tested on its new value.
 * NOTE: the rows are read and written in one statement, so two updates of one row must not race:
 * callers serialise them (the monitor's lock, one owner per job).
 * @example await reviseRows(store, 'jobs', `$2 AS state`, `id = $1`, [jobId, 'done']);
 */
export async function reviseRows(store: Store, table: string, replace: string, where: string, params: SqlParams = [], version: string | null = 'updated_at'): Promise<void> {
  const stamp = version === null ? '' : `, now64(3, 'UTC') AS ${version}`;
  await store.run(`INSERT INTO ${table}_data SELECT * REPLACE (${replace}${stamp}) FROM (SELECT * FROM ${table} WHERE ${where})`, params);
}

let lastId = 0;

/**
 * A row id for tables whose rows are made by jobs that may run in several processes at once (jobs,
 * alerts): milliseconds since 1970 × 1024 plus a random part, so it grows with time (newest last, as
 * a sequence) and two writers do not meet. It stays below 2^53, so it is a safe JS number.
 */
export function newRowId(): number {
  const id = Date.now() * 1024 + Math.floor(Math.random() * 1024);
  lastId = id > lastId ? id : lastId + 1;
  return lastId;
}
