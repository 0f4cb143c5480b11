/**
 * `vouch worker ingest`: take file jobs off the ingest queue and run them through a sink (Parquet
 * dataset, or a store that takes several writers). Stateless: any number of workers, on any machine.
 *
 * A worker holds a lock on its job and renews it while it works. A worker that dies (kill -9, a lost
 * machine) stops renewing; once the lock expires (`lockDurationMs`), the stalled-job check of any
 * live worker (every `stalledIntervalMs`) puts the job back on the queue, and the file is processed
 * again from the start. Sinks are idempotent per file, so this loses nothing and duplicates nothing.
 *
 * Errors: a file that is missing or unreadable (ValidationError, NonRetryableError, CriticalError)
 * fails its job at once; anything else (network, a full disk) is retried with backoff
 * (INGEST_JOB_OPTIONS). The failure reason always names the file.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RetryableError, VouchError } from '../../core/errors.js';
import { INGEST_QUEUE_DEFAULTS, openIngestQueue } from './ingest-queue.js';
import type { IngestJobData, IngestJobResult, IngestQueueOptions } from './ingest-queue.js';

/** Turns one job into its output; `progress` takes a fraction in [0, 1]. */
export type IngestSink = (data: IngestJobData, progress: (fraction: number) => void) => Promise<IngestJobResult>;

export interface IngestWorkerOptions extends IngestQueueOptions {
  /** Files processed at once by this worker (one per core is the usual choice: run one worker per core). */
  concurrency?: number;
  /** How long a job stays locked without renewal before another worker may take it back. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired. */
  stalledIntervalMs?: number;
  /** Times a job may be taken back before it fails as stalled. */
  maxStalledCount?: number;
  /** Stop once nothing is waiting, running or delayed (a batch run) instead of waiting for more. */
  untilEmpty?: boolean;
  /** How often an idle worker with untilEmpty checks whether the queue is empty. */
  idlePollMs?: number;
  onJob?: ((event: IngestJobEvent) => void) | null;
}

export const INGEST_WORKER_DEFAULTS = {
  ...INGEST_QUEUE_DEFAULTS,
  concurrency: 1,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  untilEmpty: false,
  idlePollMs: 500,
  onJob: null,
} satisfies Required<IngestWorkerOptions>;

export type IngestJobEvent =
  | { kind: 'completed'; result: IngestJobResult }
  | { kind: 'failed'; location: string; reason: string; final: boolean };

export interface IngestWorkerStats {
  completed: number;
  failed: number;
}

export interface IngestWorkerHandle {
  /** Resolves when the worker has stopped (close(), or an empty queue with untilEmpty). */
  readonly done: Promise<IngestWorkerStats>;
  /** Stop taking jobs, finish the running ones, and disconnect. */
  close(): Promise<void>;
}

/**
 * Start a worker on `connection` (see redisConnection); the caller closes the connection after `done`.
 * @example const w = startIngestWorker(await redisConnection(url), parquetSink({ outDir }), { untilEmpty: true }); await w.done;
 */
export function startIngestWorker(connection: Redis, sink: IngestSink, options: IngestWorkerOptions = {}): IngestWorkerHandle {
  const o = { ...INGEST_WORKER_DEFAULTS, ...options };
  const stats: IngestWorkerStats = { completed: 0, failed: 0 };
  const worker = new Worker<IngestJobData, IngestJobResult>(
    o.queueName,
    async (job: Job<IngestJobData, IngestJobResult>) => {
      let reported = -1;
      try {
        return await sink(job.data, (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent === reported) return;
          reported = percent;
          job.updateProgress(percent).catch(() => {});
        });
      } catch (err) {
        throw asJobError(err, job.data.location);
      }
    },
    {
      connection,
      prefix: o.prefix,
      concurrency: o.concurrency,
      lockDuration: o.lockDurationMs,
      stalledInterval: o.stalledIntervalMs,
      maxStalledCount: o.maxStalledCount,
    },
  );
  worker.on('completed', (job) => {
    stats.completed++;
    o.onJob?.({ kind: 'completed', result: job.returnvalue });
  });
  worker.on('failed', (job, err) => {
    if (job === undefined) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) stats.failed++;
    o.onJob?.({ kind: 'failed', location: job.data.location, reason: err.message, final });
  });
  // A Redis hiccup is logged by BullMQ's reconnecting client; it must not crash the process.
  worker.on('error', () => {});

  let closing: Promise<void> | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  // The idle check has its own connection: the worker's may be parked in a blocking pop.
  const idle = o.untilEmpty ? { connection: connection.duplicate() } : null;
  idle?.connection.on('error', () => {});
  const idleQueue = idle === null ? null : openIngestQueue(idle.connection, o);
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      if (idleTimer !== null) clearInterval(idleTimer);
      await worker.close();
      await idleQueue?.close();
      idle?.connection.disconnect();
    })());
  const done = new Promise<IngestWorkerStats>((resolve) => {
    worker.on('closed', () => resolve(stats));
  }).then(async (result) => {
    await close();
    return result;
  });
  if (idleQueue !== null) {
    let checking = false;
    idleTimer = setInterval(() => {
      if (checking || closing !== null) return;
      checking = true;
      idleQueue
        .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')
        .then((counts) => {
          if (Object.values(counts).every((n) => n === 0)) void close();
        })
        // A failed check (Redis restarting) is tried again at the next tick.
        .catch(() => {})
        .finally(() => (checking = false));
    }, o.idlePollMs);
  }
  return { done, close };
}

/** The error a job fails with: BullMQ's UnrecoverableError for errors in the input, and always naming the file. */
function asJobError(err: unknown, location: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  const named = message.includes(location) ? message : `${location}: ${message}`;
  if (err instanceof VouchError && !(err instanceof RetryableError)) return new UnrecoverableError(`${err.code}: ${named}`);
  return new Error(named, { cause: err });
}
