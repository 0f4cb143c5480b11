/**
 * The BullMQ queue of ingest jobs: one job per WARC/WAT file, its id the hash of the file's identity
 * (fileJobId). Finished jobs are kept, so queuing the same file again is a no-op; the worker's
 * output is keyed by the same id, so a job that runs twice (a retry, a worker killed mid-file whose
 * lock expired) overwrites its own output instead of adding to it.
 *
 * Keys live under the prefix `{vouch}`: the braces are a Redis Cluster hash tag, which BullMQ needs
 * so that each queue's keys sit in one slot.
 */
import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { RetryableError, ValidationError } from '../../core/errors.js';

export const INGEST_QUEUE_DEFAULTS = {
  queueName: 'ingest',
  prefix: '{vouch}',
} satisfies Required<IngestQueueOptions>;

export interface IngestQueueOptions {
  queueName?: string;
  /** Key prefix; keep a `{hash tag}` for Redis Cluster. */
  prefix?: string;
}

/** What a job carries: the file, and the `crawl=` partition its output goes to. */
export interface IngestJobData {
  location: string;
  crawl: string;
}

/** What a finished job returns (BullMQ keeps it as the job's return value). */
export interface IngestJobResult {
  location: string;
  fileId: string;
  records: number;
  pages: number;
  links: number;
  damaged: number;
  /** Output files relative to the dataset folder (Parquet), or empty when written to a store. */
  files: string[];
}

/** Retries for errors that may pass (network, a 5xx); errors in the file itself are not retried. */
export const INGEST_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: false,
  removeOnFail: false,
} satisfies JobsOptions;

/**
 * Connect to Redis for BullMQ (`maxRetriesPerRequest: null`, as workers need). The first connection
 * must succeed within `connectTimeoutMs`, so a wrong address fails at once; after that the client
 * reconnects by itself (a restart, a failover) and commands wait for it.
 * @throws ValidationError (INVALID_CONFIG) for a URL that is not redis:// or rediss://;
 *   RetryableError (NETWORK) when the server cannot be reached.
 */
export async function redisConnection(url: string, options: { connectTimeoutMs?: number } = {}): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new ValidationError(`--queue ${url}: not a URL (expected redis://host:port)`, [{ where: '--queue', message: url }], { code: 'INVALID_CONFIG', cause: err });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ValidationError(`--queue ${url}: expected a redis:// or rediss:// URL`, [{ where: '--queue', message: url }], { code: 'INVALID_CONFIG' });
  }
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Connection errors reach callers through their commands; without a listener ioredis prints each retry.
  let lastError: Error | null = null;
  redis.on('error', (err: Error) => (lastError = err));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    const shown = url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
    const reason = (lastError as Error | null)?.message ?? (err as Error).message;
    throw new RetryableError('NETWORK', `cannot reach Redis at ${shown}: ${reason}`, { cause: err });
  }
  return redis;
}

/** The ingest queue on `connection`. Close it (and the connection) when done. */
export function openIngestQueue(connection: Redis, options: IngestQueueOptions = {}): Queue<IngestJobData, IngestJobResult> {
  const o = { ...INGEST_QUEUE_DEFAULTS, ...options };
  return new Queue<IngestJobData, IngestJobResult>(o.queueName, { connection, prefix: o.prefix, defaultJobOptions: INGEST_JOB_OPTIONS });
}
