/**
 * `vouch ingest --queue … --wait`: wait until no job on the queue is waiting, running or delayed,
 * then report how the given jobs ended. Progress is estimated from the queue's counts (one round trip
 * a poll, whatever the number of files); the final report reads each job once.
 */
import type { Job, Queue } from 'bullmq';
import type { IngestJobData, IngestJobResult } from './ingest-queue.js';

export interface WaitForIngestOptions {
  pollMs?: number;
  onProgress?: ((done: number, total: number) => void) | null;
  signal?: AbortSignal | null;
}

export const WAIT_FOR_INGEST_DEFAULTS = { pollMs: 500, onProgress: null, signal: null } satisfies Required<WaitForIngestOptions>;

export interface IngestQueueOutcome {
  completed: IngestJobResult[];
  /** Jobs that failed for good, with the error their last attempt gave (it names the file). */
  failed: Array<{ location: string; reason: string }>;
  /** Jobs still pending when the wait was stopped (signal). */
  pending: number;
}

const PENDING_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * Wait for the queue to drain, then collect the outcome of `jobIds`.
 * @example const { failed } = await waitForIngestQueue(queue, result.jobIds);
 */
export async function waitForIngestQueue(
  queue: Queue<IngestJobData, IngestJobResult>,
  jobIds: readonly string[],
  options: WaitForIngestOptions = {},
): Promise<IngestQueueOutcome> {
  const o = { ...WAIT_FOR_INGEST_DEFAULTS, ...options };
  const total = jobIds.length;
  for (;;) {
    const counts = await queue.getJobCounts(...PENDING_STATES);
    const pending = PENDING_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
    o.onProgress?.(total - Math.min(pending, total), total);
    if (pending === 0 || o.signal?.aborted === true) break;
    await new Promise((resolve) => setTimeout(resolve, o.pollMs));
  }
  const outcome: IngestQueueOutcome = { completed: [], failed: [], pending: 0 };
  for (let start = 0; start < jobIds.length; start += 500) {
    const jobs = await Promise.all(jobIds.slice(start, start + 500).map((id) => queue.getJob(id)));
    for (const job of jobs) {
      if (job === undefined || job === null) continue;
      const state = await job.getState();
      if (state === 'completed') outcome.completed.push((job as Job<IngestJobData, IngestJobResult>).returnvalue);
      else if (state === 'failed') outcome.failed.push({ location: job.data.location, reason: job.failedReason });
      else outcome.pending++;
    }
  }
  return outcome;
}
