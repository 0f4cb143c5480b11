/**
 * Run the stored monitor schedules (`vouch monitor --every`) inside a long-lived process
 * (`vouch serve`), with croner. A run that is still going when its next tick comes is not started
 * twice (croner's `protect`, and the target's lock in the store behind it); a failed run is logged
 * and noted on the schedule, and the next tick runs again.
 */
import { Cron } from 'croner';
import type { Store } from '../store/index.js';
import { listMonitorSchedules } from './monitor-schedules.js';
import type { MonitorSchedule } from './monitor-schedules.js';
import { runMonitor } from './run-monitor.js';
import type { MonitorResult } from './run-monitor.js';

export interface MonitorSchedulesHandle {
  /** The schedules started. */
  schedules: MonitorSchedule[];
  /** Stop every schedule and wait for runs in progress to stop (they are interrupted, resumable). */
  stop(): Promise<void>;
}

export interface StartSchedulesOptions {
  /** Aborting it stops the schedules (as stop() does). */
  signal?: AbortSignal;
  /** Told after each run. */
  onRun?: (schedule: MonitorSchedule, outcome: { result?: MonitorResult; error?: unknown }) => void | Promise<void>;
}

/**
 * @example
 * const handle = await startMonitorSchedules(store, { signal: controller.signal });
 * // ... on shutdown:
 * await handle.stop();
 */
export async function startMonitorSchedules(store: Store, options: StartSchedulesOptions = {}): Promise<MonitorSchedulesHandle> {
  const schedules = await listMonitorSchedules(store);
  const runs = new AbortController();
  const active = new Set<Promise<void>>();
  const crons = schedules.map(
    (s) =>
      new Cron(s.cron, { protect: true, timezone: 'UTC', name: `monitor:${s.targetId}` }, async () => {
        if (runs.signal.aborted) return;
        const run = runMonitor(store, s.target, s.options, { signal: runs.signal }).then(
          (result) => options.onRun?.(s, { result }),
          (error: unknown) => options.onRun?.(s, { error }),
        );
        active.add(run);
        await run;
        active.delete(run);
      }),
  );
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const c of crons) c.stop();
    runs.abort();
    await Promise.allSettled([...active]);
  };
  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  return { schedules, stop };
}
