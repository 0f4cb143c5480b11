/**
 * `vouch monitor --every "<cron>"`: one schedule per target, with the options its runs use, kept in
 * the store and run by `vouch serve` (startMonitorSchedules).
 */
import { Cron } from 'croner';
import { ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { reviseClickHouseRows as reviseRows } from '../store/index.js';
import type { MonitorOptions } from './run-monitor.js';

export interface MonitorSchedule {
  targetId: number;
  target: string;
  cron: string;
  options: MonitorOptions;
  createdAt: Date;
  updatedAt: Date;
  lastRunAt: Date | null;
  lastState: string | null;
  lastError: string | null;
  /** When the schedule fires next (UTC), by the cron expression. */
  nextRunAt: Date | null;
}

/**
 * Check a cron expression (5 or 6 fields, croner's syntax) and return when it fires next.
 * @throws ValidationError (INVALID_INPUT) naming the expression.
 */
export function parseCron(expression: string): Date | null {
  try {
    const cron = new Cron(expression, { paused: true, timezone: 'UTC' });
    const next = cron.nextRun();
    cron.stop();
    return next;
  } catch (err) {
    throw new ValidationError(`invalid cron expression ${JSON.stringify(expression)}: ${(err as Error).message}`, [{ where: '--every', message: (err as Error).message }], { cause: err });
  }
}

/** Store (or replace) the schedule of a target. */
export async function saveMonitorSchedule(store: Store, targetId: number, cron: string, options: MonitorOptions): Promise<MonitorSchedule> {
  parseCron(cron);
  const now = new Date();
  if (store.dialect === 'clickhouse') {
    // The whole row again (a new version), keeping when it was created and how its last run went.
    await store.run(
      `INSERT INTO monitor_schedules_data (target_id, cron, options, created_at, updated_at, last_run_at, last_state, last_error, written_at)
       SELECT $1, $2, $3, if(count() = 0, $4, any(s.created_at)), $4, any(s.last_run_at), any(s.last_state), any(s.last_error), now64(3, 'UTC')
       FROM (SELECT * FROM monitor_schedules WHERE target_id = $1) s`,
      [targetId, cron, JSON.stringify(options), now],
    );
    return (await listMonitorSchedules(store)).find((s) => s.targetId === targetId)!;
  }
  await store.run(
    `INSERT INTO monitor_schedules (target_id, cron, options, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (target_id) DO UPDATE SET cron = excluded.cron, options = excluded.options, updated_at = excluded.updated_at`,
    [targetId, cron, JSON.stringify(options), now],
  );
  const saved = (await listMonitorSchedules(store)).find((s) => s.targetId === targetId);
  return saved!;
}

/** Remove a target's schedule; false when it had none. */
export async function removeMonitorSchedule(store: Store, targetId: number): Promise<boolean> {
  const row = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM monitor_schedules WHERE target_id = $1`, [targetId]);
  await store.run(`DELETE FROM ${store.dialect === 'clickhouse' ? 'monitor_schedules_data' : 'monitor_schedules'} WHERE target_id = $1`, [targetId]);
  return (row?.n ?? 0) > 0;
}

interface Row {
  target_id: number;
  name: string;
  cron: string;
  options: string;
  created_at: Date;
  updated_at: Date;
  last_run_at: Date | null;
  last_state: string | null;
  last_error: string | null;
}

export async function listMonitorSchedules(store: Store): Promise<MonitorSchedule[]> {
  const rows = await store.all<Row>(
    `SELECT s.target_id, t.name, s.cron, s.options::VARCHAR AS options, s.created_at, s.updated_at, s.last_run_at, s.last_state, s.last_error
     FROM monitor_schedules s JOIN targets t ON t.id = s.target_id ORDER BY t.name`,
  );
  return rows.map((r) => {
    let nextRunAt: Date | null = null;
    try {
      nextRunAt = parseCron(r.cron);
    } catch {
      // A stored expression that no longer parses shows with no next run.
    }
    return {
      targetId: r.target_id,
      target: r.name,
      cron: r.cron,
      options: JSON.parse(r.options) as MonitorOptions,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastRunAt: r.last_run_at,
      lastState: r.last_state,
      lastError: r.last_error,
      nextRunAt,
    };
  });
}

/** Note a run's outcome on the target's schedule (no-op when it has none). */
export async function recordScheduleRun(store: Store, targetId: number, state: string, error: string | null): Promise<void> {
  if (store.dialect === 'clickhouse') {
    const replace = `toNullable($2) AS last_run_at, toNullable($3) AS last_state, $4 AS last_error`;
    return reviseRows(store, 'monitor_schedules', replace, `target_id = $1`, [targetId, new Date(), state, error], 'written_at');
  }
  await store.run(`UPDATE monitor_schedules SET last_run_at = $2, last_state = $3, last_error = $4 WHERE target_id = $1`, [targetId, new Date(), state, error]);
}
