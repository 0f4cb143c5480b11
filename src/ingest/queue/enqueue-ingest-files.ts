/**
 * `vouch ingest --queue redis://… FILES|LISTFILE`: one job per file on the ingest queue. A file
 * already on the queue (waiting, running, done or failed) keeps its job: queuing again is a no-op,
 * except that `retryFailed` puts failed jobs back (after the file was fixed or came back).
 */
import type { Queue } from 'bullmq';
import { ValidationError } from '../../core/errors.js';
import { CRAWL_NAME, crawlNameOf, fileJobId } from './file-job-id.js';
import type { IngestJobData, IngestJobResult } from './ingest-queue.js';

export interface EnqueueIngestOptions {
  /** The `crawl=` partition for every file; null derives it from each path (CC-MAIN-YYYY-WW, else `default`). */
  crawl?: string | null;
  /** Jobs added per round trip. */
  batchJobs?: number;
  /** Put the failed jobs of these files back on the queue. */
  retryFailed?: boolean;
}

export const ENQUEUE_INGEST_DEFAULTS = { crawl: null, batchJobs: 500, retryFailed: false } satisfies Required<EnqueueIngestOptions>;

export interface EnqueueIngestResult {
  /** Jobs added by this call. */
  queued: number;
  /** Files that already had a job (any state), retried ones included. */
  existing: number;
  /** Failed jobs put back on the queue (retryFailed). */
  retried: number;
  /** The job id of every file, in input order. */
  jobIds: string[];
}

/**
 * Queue `locations` (absolute paths or URLs; see expandLocations).
 * @example const { queued } = await enqueueIngestFiles(queue, await expandLocations(['warc.paths']));
 * @throws ValidationError (INVALID_CONFIG) for a crawl name outside [A-Za-z0-9._-].
 */
export async function enqueueIngestFiles(
  queue: Queue<IngestJobData, IngestJobResult>,
  locations: readonly string[],
  options: EnqueueIngestOptions = {},
): Promise<EnqueueIngestResult> {
  const o = { ...ENQUEUE_INGEST_DEFAULTS, ...options };
  if (o.crawl !== null && !CRAWL_NAME.test(o.crawl)) {
    throw new ValidationError(`--crawl ${o.crawl}: use letters, digits, ".", "_" and "-"`, [{ where: '--crawl', message: o.crawl }], { code: 'INVALID_CONFIG' });
  }
  const jobIds = locations.map(fileJobId);
  let queued = 0;
  let existing = 0;
  let retried = 0;
  for (let start = 0; start < locations.length; start += o.batchJobs) {
    const ids = jobIds.slice(start, start + o.batchJobs);
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    const fresh = ids.flatMap((id, i) => (states[i] === 'unknown' ? [{ id, location: locations[start + i]! }] : []));
    existing += ids.length - fresh.length;
    if (o.retryFailed) {
      const failed = ids.filter((_, i) => states[i] === 'failed');
      for (const job of await Promise.all(failed.map((id) => queue.getJob(id)))) {
        if (job === undefined) continue;
        await job.retry('failed');
        retried++;
      }
    }
    if (fresh.length === 0) continue;
    // NOTE: addBulk with a custom jobId ignores an id that exists, so a concurrent enqueuer cannot duplicate a job either.
    await queue.addBulk(fresh.map(({ id, location }) => ({ name: 'file', data: { location, crawl: o.crawl ?? crawlNameOf(location) }, opts: { jobId: id } })));
    queued += fresh.length;
  }
  return { queued, existing, retried, jobIds };
}
