/**
 * The verify loop: the job's queue of source pages, grouped by host, checked under the crawler's
 * politeness (per-host slots, delay, robots.txt Crawl-delay) with a global cap. Each page is
 * fetched outside the store queue and recorded inside it, in one transaction.
 */
import { createPoliteFetching, finishJob, openJob, updateJobProgress } from '../../crawl/index.js';
import type { SqlParam, Store } from '../../store/index.js';
import type { TargetRecord } from '../../reports/index.js';
import type { LossReason, VerifyProgress, VerifyResult } from '../types.js';
import type { ResolvedVerifyOptions } from '../verify-defaults.js';
import { decideLinks } from './decide-links.js';
import { observePage } from './observe-page.js';
import { loadPageContext, recordPageCheck } from './page-check-store.js';
import { storeMutex } from './store-mutex.js';
import { backlinkSql } from './target-scope-sql.js';

export interface RunVerifyHooks {
  signal?: AbortSignal;
  onStart?: (info: { jobId: number; resumed: boolean; pages: number }) => void;
  onProgress?: (progress: VerifyProgress) => void;
  /** Runs with the job open, before any page (tests stop the process here). */
  onPage?: (url: string) => void;
}

/** The verify job's key: one job per target, resumed while unfinished. */
export function verifyJobKey(targetId: number): string {
  return `target:${targetId}`;
}

export async function runVerify(store: Store, target: TargetRecord, o: ResolvedVerifyOptions, hooks: RunVerifyHooks = {}): Promise<VerifyResult> {
  const started = performance.now();
  const mutex = storeMutex(store);
  const { job, resumed, total } = await mutex.run(async () => {
    const opened = await openJob(store, { kind: 'verify', jobKey: verifyJobKey(target.id), params: { target: target.name, failuresBeforeLost: o.failuresBeforeLost, recheckLost: o.recheckLost }, fresh: o.fresh });
    if (!opened.resumed) {
      const params: SqlParam[] = [opened.job.id];
      const scope = backlinkSql(target, params, store.dialect);
      const into = store.dialect === 'clickhouse' ? `verify_queue_data (job_id, url, host, state, updated_at)` : `verify_queue (job_id, url, host, state)`;
      await store.run(
        `INSERT INTO ${into}
         SELECT $1, l.src_url, any_value(l.src_host), 'queued'${store.dialect === 'clickhouse' ? `, now64(3, 'UTC')` : ''} FROM links l WHERE ${scope} ${o.recheckLost ? '' : 'AND l.lost_at IS NULL'} GROUP BY l.src_url`,
        params,
      );
    }
    const count = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM verify_queue WHERE job_id = $1`, [opened.job.id]);
    return { ...opened, total: count?.n ?? 0 };
  });
  hooks.onStart?.({ jobId: job.id, resumed, pages: total });
  const pending = await mutex.run(() => store.all<{ url: string; host: string }>(`SELECT url, host FROM verify_queue WHERE job_id = $1 AND state = 'queued' ORDER BY host, url`, [job.id]));
  const byHost = new Map<string, string[]>();
  for (const p of pending) {
    const list = byHost.get(p.host);
    if (list === undefined) byHost.set(p.host, [p.url]);
    else list.push(p.url);
  }

  const { fetcher, robots, scheduler } = createPoliteFetching(o);
  const delaysSet = new Set<string>();
  let done = total - pending.length;
  let failed = 0;
  let thisRun = 0;
  let wake: (() => void) | null = null;
  const inFlight = new Set<Promise<void>>();
  const report = (): void => hooks.onProgress?.({ jobId: job.id, pages: total, done, failed });

  const checkPage = async (host: string, url: string): Promise<void> => {
    hooks.onPage?.(url);
    const context = await mutex.run(() => loadPageContext(store, url, target, o.recheckLost));
    const checked = await observePage(fetcher, robots, url, { maxAttempts: o.maxAttempts, retryBaseDelayMs: o.retryBaseDelayMs, signal: hooks.signal });
    if (!delaysSet.has(host)) {
      delaysSet.add(host);
      scheduler.setCrawlDelay(host, checked.crawlDelaySeconds);
    }
    // A stop during a retry's wait is no answer from the page: leave it queued for the next run.
    if (hooks.signal?.aborted) return;
    const at = new Date();
    const failures = checked.observation.kind === 'failed' ? context.failures + 1 : 0;
    const decisions = decideLinks(url, context.backlinks, checked.observation, context.previous, failures, o.failuresBeforeLost);
    await mutex.run(async () => {
      await recordPageCheck(store, { jobId: job.id, url, at, checked, decisions, failures, context });
      done++;
      thisRun++;
      if (checked.observation.kind === 'failed') failed++;
      if (thisRun % 20 === 0) await updateJobProgress(store, job.id, { pages: total, done, failed });
    });
    report();
  };

  let failure: unknown = null;
  const onAbort = (): void => wake?.();
  hooks.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (byHost.size > 0 && !hooks.signal?.aborted && failure === null) {
      const slot = scheduler.pickNext(byHost.keys());
      if (slot !== null && slot.waitMs === 0 && scheduler.tryAcquire(slot.host)) {
        const queue = byHost.get(slot.host)!;
        const url = queue.shift()!;
        if (queue.length === 0) byHost.delete(slot.host);
        const task: Promise<void> = checkPage(slot.host, url)
          .catch((err: unknown) => {
            failure ??= err;
          })
          .finally(() => {
            scheduler.release(slot.host);
            inFlight.delete(task);
            wake?.();
          });
        inFlight.add(task);
        continue;
      }
      const waitMs = slot === null ? 1_000 : Math.max(1, slot.waitMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    await Promise.all(inFlight);
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== null) {
    await fetcher.close().catch(() => undefined);
    const message = failure instanceof Error ? failure.message : String(failure);
    await mutex.run(() => finishJob(store, job.id, 'failed', { error: message })).catch(() => undefined);
    throw failure;
  }
  await fetcher.close();
  const state = hooks.signal?.aborted && (byHost.size > 0 || done < total) ? 'interrupted' : 'done';
  const events = await mutex.run(async () => {
    await finishJob(store, job.id, state, { progress: { pages: total, done, failed } });
    if (state === 'done') await store.run(`DELETE FROM ${store.dialect === 'clickhouse' ? 'verify_queue_data' : 'verify_queue'} WHERE job_id = $1`, [job.id]);
    return store.all<{ event: 'new' | 'lost' | 'recovered'; reason: LossReason | null; links: number }>(
      `SELECT event, reason, count(*)::INTEGER AS links FROM link_events WHERE job_id = $1 GROUP BY ALL ORDER BY event, reason`,
      [job.id],
    );
  });
  const checkedLinks = await mutex.run(async () => {
    const params: SqlParam[] = [];
    const row = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM links l WHERE ${backlinkSql(target, params, store.dialect)} ${o.recheckLost ? '' : 'AND l.lost_at IS NULL'}`, params);
    return row?.n ?? 0;
  });
  return { jobId: job.id, resumed, state, pages: total, pagesThisRun: thisRun, failedPages: failed, links: checkedLinks, events, elapsedMs: performance.now() - started };
}
