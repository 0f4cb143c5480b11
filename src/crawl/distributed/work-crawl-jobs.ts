/**
 * What `vouch worker crawl` runs: find crawl jobs published on the frontier, work each until it
 * is no longer running, and go on to the next (or stop after one with `once`).
 */
import { hostname } from 'node:os';
import { connectFrontier } from './connect-frontier.js';
import { runCrawlWorker } from './crawl-worker.js';
import type { CrawlWorkerOptions, CrawlWorkerStats } from './crawl-worker.js';
import { RedisFrontier } from './redis-frontier.js';

export interface WorkCrawlJobsOptions extends CrawlWorkerOptions {
  /** The frontier URL (see parseFrontierUrl). */
  frontier: string;
  /** Work only this job key; null: any running job. */
  job?: string | null;
  /** Stop after one job. */
  once?: boolean;
  /** Stop when no job has been running for this long; null: wait for jobs forever. */
  idleExitMs?: number | null;
  /** Called when the worker joins a job. */
  onJob?: (jobKey: string, workerId: string) => void;
}

const POLL_MS = 250;

/**
 * Work crawl jobs until `once` is done, the worker idles past `idleExitMs`, or the signal aborts.
 * @example await workCrawlJobs({ frontier: 'redis://10.0.0.5:6379', concurrency: 32, once: true });
 * @throws ValidationError for a bad frontier URL; CriticalError FRONTIER_UNAVAILABLE when it does not answer at the start.
 */
export async function workCrawlJobs(options: WorkCrawlJobsOptions): Promise<CrawlWorkerStats[]> {
  const workerId = `${hostname()}-${process.pid}`;
  const client = await connectFrontier(options.frontier, { clientName: `vouch-worker-${workerId}` });
  const worked: CrawlWorkerStats[] = [];
  let idleSinceMs = performance.now();
  try {
    while (options.signal?.aborted !== true) {
      let jobKey: string | undefined;
      try {
        jobKey = (await RedisFrontier.runningJobs(client)).find((k) => options.job == null || k === options.job);
      } catch {
        // The frontier failing over: ask again.
      }
      const frontier = jobKey === undefined ? null : await RedisFrontier.join(client, jobKey, workerId).catch(() => null);
      if (frontier === null) {
        if (options.idleExitMs != null && performance.now() - idleSinceMs >= options.idleExitMs) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      options.onJob?.(frontier.config.jobKey, workerId);
      worked.push(await runCrawlWorker(frontier, options));
      idleSinceMs = performance.now();
      if (options.once === true) break;
    }
  } finally {
    client.disconnect();
  }
  return worked;
}
