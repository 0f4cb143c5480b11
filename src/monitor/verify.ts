import type { Store } from '../store/index.js';
import { resolveTarget } from '../reports/index.js';
import type { TargetRecord } from '../reports/index.js';
import { runVerify } from './internal/run-verify.js';
import type { RunVerifyHooks } from './internal/run-verify.js';
import { monitorLockName, withMonitorLock } from './monitor-lock.js';
import type { VerifyOptions, VerifyResult } from './types.js';
import { resolveVerifyOptions } from './verify-defaults.js';

export type VerifyHooks = RunVerifyHooks;

/**
 * Fetch again every source page of the target's backlinks (live ones, and lost ones to see them
 * come back) and record, link by link, `lost` (with a LossReason) and `recovered` events, refreshed
 * rel flags and last_seen, and the links those pages carry that the store lacked (`new`).
 * Resumable: a job killed at any point resumes on the next call without duplicating an event.
 * @example
 * const result = await verify(store, 'acme', { resolve: ['*.test=127.0.0.2:8080'], allowPrivate: true });
 * console.log(result.events); // [{ event: 'lost', reason: 'page-gone', links: 3 }, ...]
 * @throws NotFoundError for an unknown target; RetryableError (CONFLICT) while another run of the target holds its lock.
 */
export async function verify(store: Store, target: string | TargetRecord, options: VerifyOptions = {}, hooks: VerifyHooks = {}): Promise<VerifyResult> {
  const o = resolveVerifyOptions(options);
  const t = typeof target === 'string' ? await resolveTarget(store, target) : target;
  return withMonitorLock(store, monitorLockName(t.id), () => runVerify(store, t, o, hooks));
}
