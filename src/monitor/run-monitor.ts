/**
 * One monitoring run of a target: verify its backlinks, re-crawl its discovery sources (the hosts
 * its backlinks come from) for new links, then judge the alert rules and deliver what fired.
 *
 * The run is a `monitor` job: a run killed after verify resumes at the re-crawl; the verify and
 * crawl jobs inside it resume on their own, and each phase ends in the transaction of its last write
 * (or is recognised as over on resume), so no step runs twice. The target's monitor lock keeps two
 * runs (or a run and a `vouch verify`) from overlapping; a killed run's lock is taken over.
 */
import { resolveTarget } from '../reports/index.js';
import type { TargetRecord } from '../reports/index.js';
import type { Store } from '../store/index.js';
import { deliverAlerts } from './alerts/deliver-alerts.js';
import type { DeliverOptions, DeliverResult } from './alerts/deliver-alerts.js';
import { evaluateAlerts } from './alerts/evaluate-alerts.js';
import type { EvaluateResult } from './alerts/evaluate-alerts.js';
import { discoverLinks } from './discover-links.js';
import type { DiscoverOptions, DiscoverResult } from './discover-links.js';
import { finishJob, openJob, updateJobProgress } from '../crawl/index.js';
import { runVerify, verifyJobKey } from './internal/run-verify.js';
import type { RunVerifyHooks } from './internal/run-verify.js';
import { storeMutex } from './internal/store-mutex.js';
import { monitorLockName, withMonitorLock } from './monitor-lock.js';
import { recordScheduleRun } from './monitor-schedules.js';
import type { VerifyOptions, VerifyResult } from './types.js';
import { resolveVerifyOptions } from './verify-defaults.js';

export interface MonitorOptions extends VerifyOptions, DiscoverOptions {
  /** Re-crawl the source hosts for new links (default true). */
  discover?: boolean;
  /** Judge alert rules and deliver (default true). */
  alerts?: boolean;
}

export interface MonitorHooks extends RunVerifyHooks {
  /** Passed to alert delivery (tests shorten the retry backoff). */
  deliver?: Omit<DeliverOptions, 'targetId' | 'digest'>;
  onPhase?: (phase: 'verify' | 'discover' | 'alerts') => void;
}

export interface MonitorResult {
  jobId: number;
  resumed: boolean;
  state: 'done' | 'interrupted';
  /** null when a resumed run had finished verifying before it was stopped. */
  verify: VerifyResult | null;
  discover: DiscoverResult | null;
  alerts: (EvaluateResult & { delivery: DeliverResult }) | null;
}

type Phase = 'verify' | 'discover' | 'alerts';

/**
 * Run the target's monitoring once.
 * @example const r = await runMonitor(store, 'acme', { resolve: ['*.test=127.0.0.2:8080'], allowPrivate: true });
 * @throws NotFoundError for an unknown target; RetryableError (CONFLICT) while another run holds the target's lock.
 */
export async function runMonitor(store: Store, target: string | TargetRecord, options: MonitorOptions = {}, hooks: MonitorHooks = {}): Promise<MonitorResult> {
  const t = typeof target === 'string' ? await resolveTarget(store, target) : target;
  const o = resolveVerifyOptions(options);
  const mutex = storeMutex(store);
  return withMonitorLock(store, monitorLockName(t.id), async () => {
    const { job, resumed } = await mutex.run(() => openJob(store, { kind: 'monitor', jobKey: `target:${t.id}`, params: { target: t.name, ...options } }));
    let phase: Phase = resumed ? ((job.progress as { phase?: Phase } | null)?.phase ?? 'verify') : 'verify';
    // A run killed after its verify job finished, before the phase moved on, would verify all over
    // again (a new job): pages checked twice, and a failing page's count of failures in a row raised twice.
    if (phase === 'verify' && resumed && (await mutex.run(() => verifiedSince(store, t.id, job.startedAt)))) phase = 'discover';
    const result: MonitorResult = { jobId: job.id, resumed, state: 'done', verify: null, discover: null, alerts: null };
    const stop = async (): Promise<MonitorResult> => {
      await mutex.run(() => finishJob(store, job.id, 'interrupted', { progress: { phase } }));
      await mutex.run(() => recordScheduleRun(store, t.id, 'interrupted', null));
      return { ...result, state: 'interrupted' };
    };
    const advance = async (next: Phase): Promise<void> => {
      phase = next;
      await mutex.run(() => updateJobProgress(store, job.id, { phase }));
    };
    try {
      if (phase === 'verify') {
        hooks.onPhase?.('verify');
        result.verify = await runVerify(store, t, o, hooks);
        if (result.verify.state === 'interrupted') return await stop();
        await advance('discover');
      }
      if (phase === 'discover') {
        if (options.discover !== false) {
          hooks.onPhase?.('discover');
          // The phase moves on in the merge's transaction: a run killed after the merge does not re-crawl.
          const merged = (): Promise<void> => updateJobProgress(store, job.id, { phase: 'alerts' });
          result.discover = await discoverLinks(store, t, o, options, { signal: hooks.signal, jobId: job.id, onMerged: merged });
          if (result.discover.state === 'interrupted') return await stop();
        }
        await advance('alerts');
      }
      if (options.alerts !== false) {
        hooks.onPhase?.('alerts');
        const evaluated = await mutex.run(() => evaluateAlerts(store, t));
        const delivery = await mutex.run(() => deliverAlerts(store, { ...hooks.deliver, targetId: t.id }));
        result.alerts = { ...evaluated, delivery };
      }
      await mutex.run(() => finishJob(store, job.id, 'done', { progress: { phase: 'done' } }));
      await mutex.run(() => recordScheduleRun(store, t.id, 'done', null));
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await mutex.run(() => finishJob(store, job.id, 'failed', { progress: { phase }, error: message })).catch(() => undefined);
      await mutex.run(() => recordScheduleRun(store, t.id, 'failed', message)).catch(() => undefined);
      throw err;
    }
  });
}

/** Whether a verify job of the target finished after `since` (the monitor job's start). */
async function verifiedSince(store: Store, targetId: number, since: Date): Promise<boolean> {
  const row = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM jobs WHERE kind = 'verify' AND job_key = $1 AND state = 'done' AND finished_at >= $2`,
    [verifyJobKey(targetId), since],
  );
  return (row?.n ?? 0) > 0;
}
