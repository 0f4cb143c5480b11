/**
 * Writes to the pipeline's tables on either store. DuckDB updates rows in place. ClickHouse keeps
 * them in ReplacingMergeTree tables (store/clickhouse/clickhouse-schema.ts): a change is a new
 * version of the whole row, written to `<table>_data`, and reads see the newest version through
 * the view named like the DuckDB table. `prospects` is versioned by `updated_at`, which therefore
 * never goes back there: a change dated before the last one keeps the last one's updated_at (and,
 * with equal versions, the row written last wins).
 */
import { CriticalError } from '../../core/errors.js';
import { ClickHouseStore } from '../../store/index.js';
import type { SqlParam, Store } from '../../store/index.js';

/** New values of some prospect columns (JSON columns as text). */
export interface ProspectValues {
  status?: string;
  status_changed_at?: Date;
  /** YYYY-MM-DD, or null. */
  follow_up?: string | null;
  tags?: readonly string[];
  link_id?: number | bigint;
  won_at?: Date;
  score?: number;
  explanation?: string;
  details?: string;
  /** null keeps the stored contacts. */
  contacts?: string | null;
}

/** How a bound value becomes a column's type, where binding alone does not do it. */
function valueSql(store: Store, column: keyof ProspectValues, placeholder: string): string {
  const ch = store.dialect === 'clickhouse';
  switch (column) {
    case 'follow_up':
      return ch ? `CAST(${placeholder} AS Nullable(Date))` : `${placeholder}::DATE`;
    case 'link_id':
      return ch ? `CAST(${placeholder} AS Nullable(UInt64))` : placeholder;
    case 'details':
      return ch ? placeholder : `${placeholder}::JSON`;
    case 'contacts':
      return ch ? `coalesce(${placeholder}, contacts)` : `coalesce(${placeholder}::JSON, contacts)`;
    default:
      return placeholder;
  }
}

/**
 * Set some columns of one prospect, and its updated_at to `at`.
 * @example await setProspectColumns(store, 7, { status: 'won', won_at: at, status_changed_at: at }, at)
 */
export async function setProspectColumns(store: Store, id: number | bigint, values: ProspectValues, at: Date): Promise<void> {
  const params: SqlParam[] = [id, at];
  const set: [column: string, expr: string][] = [];
  for (const [column, value] of Object.entries(values) as [keyof ProspectValues, SqlParam | undefined][]) {
    if (value === undefined) continue;
    params.push(value);
    set.push([column, valueSql(store, column, `$${params.length}`)]);
  }
  if (store.dialect === 'clickhouse') {
    const replace = [...set.map(([c, e]) => `${e} AS ${c}`), 'greatest(updated_at, $2) AS updated_at'];
    await store.run(`INSERT INTO prospects_data SELECT * REPLACE (${replace.join(', ')}) FROM prospects WHERE id = $1`, params);
    return;
  }
  await store.run(`UPDATE prospects SET ${[...set.map(([c, e]) => `${c} = ${e}`), 'updated_at = $2'].join(', ')} WHERE id = $1`, params);
}

let idQueue: Promise<unknown> = Promise.resolve();

/**
 * Run `fn` after the ClickHouse id-taking writes of this process before it. ClickHouse has no
 * sequences: new ids are the largest one + 1, so two writers taking ids at once (two API requests)
 * would take the same ones. Writers in other processes are not covered; the pipeline is written by
 * hand, one command at a time, and by the one `vouch serve`.
 */
export function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = idQueue.then(fn, fn);
  idQueue = run.catch(() => undefined);
  return run;
}

/** The next free id of a ClickHouse table. */
export async function nextClickHouseId(store: Store, table: 'prospects' | 'prospect_notes' | 'outreach_log'): Promise<number> {
  return Number((await store.one<{ id: bigint }>(`SELECT toInt64(coalesce(max(id), 0) + 1) AS id FROM ${table}`))?.id ?? 1);
}

/** Append a note to a prospect. */
export async function insertProspectNote(store: Store, prospectId: number, at: Date, text: string): Promise<void> {
  if (store.dialect !== 'clickhouse') {
    await store.run(`INSERT INTO prospect_notes (prospect_id, created_at, text) VALUES ($1, $2, $3)`, [prospectId, at, text]);
    return;
  }
  await oneAtATime(async () => {
    const id = await nextClickHouseId(store, 'prospect_notes');
    await store.run(`INSERT INTO prospect_notes_data (id, prospect_id, created_at, text) VALUES ($1, $2, $3, $4)`, [id, prospectId, at, text]);
  });
}

/**
 * Write whole prospect rows (as `SELECT * FROM prospects` reads them on ClickHouse) in one insert:
 * new prospects, or new versions of stored ones. The rows go in the request body (insertRows), so a
 * large save is not bound by the URL length that query parameters are.
 */
export async function writeClickHouseProspects(store: Store, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!(store instanceof ClickHouseStore)) throw new CriticalError('INTERNAL', 'writeClickHouseProspects needs the ClickHouse store');
  // follow_up is a Date column: its day, not a DateTime.
  await store.insertRows('prospects_data', rows.map((r) => (r.follow_up instanceof Date ? { ...r, follow_up: r.follow_up.toISOString().slice(0, 10) } : r)));
}
