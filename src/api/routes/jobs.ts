import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { parseReportInput } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoute } from './api-route.js';

const JOB_STATES = ['running', 'interrupted', 'failed', 'done'] as const;

/** `GET /api/v1/jobs`. */
export const listJobsQuery = z.strictObject({
  state: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (typeof v === 'string' ? [v] : v).flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p.length > 0))
    .pipe(z.array(z.enum(JOB_STATES, { error: `expected one or more of ${JOB_STATES.join(', ')}` })).min(1, 'expected at least one value'))
    .meta({ description: `keep jobs in these states (one or more of ${JOB_STATES.join(', ')}, comma-separated or repeated)` })
    .optional(),
  limit: z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(1, 'expected at least 1').max(500, 'expected at most 500').default(50)
    .meta({ description: 'jobs to return, newest first (at most 500)' }),
});

/** A crawl, ingest, rank or monitor run, as the `jobs` table holds it. */
export interface JobInfo {
  id: number;
  kind: string;
  state: string;
  params: unknown;
  /** Whatever the job last reported (counts, phase); its shape depends on the kind. */
  progress: unknown;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

interface JobRow {
  id: bigint;
  kind: string;
  state: string;
  params: unknown;
  progress: unknown;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  error: string | null;
}

/** The columns of `jobs`, as read by toJob: ClickHouse keeps the JSON columns as text already. */
function columns(store: Store): string {
  return store.dialect === 'clickhouse'
    ? `id, kind, state, params, progress, started_at, updated_at, finished_at, error`
    : `id, kind, state, params::VARCHAR AS params, progress::VARCHAR AS progress, started_at, updated_at, finished_at, error`;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toJob(r: JobRow): JobInfo {
  return {
    id: Number(r.id), kind: r.kind, state: r.state, params: parseJson(r.params), progress: parseJson(r.progress),
    startedAt: r.started_at, updatedAt: r.updated_at, finishedAt: r.finished_at, error: r.error,
  };
}

/** The newest jobs, optionally only those in some states. */
export async function listJobs(store: Store, input: z.input<typeof listJobsQuery>): Promise<JobInfo[]> {
  const q = parseReportInput(listJobsQuery, input);
  const inStates = store.dialect === 'clickhouse' ? 'has($1, state)' : 'list_contains($1::VARCHAR[], state)';
  const rows = q.state
    ? await store.all<JobRow>(`SELECT ${columns(store)} FROM jobs WHERE ${inStates} ORDER BY id DESC LIMIT $2`, [q.state, q.limit])
    : await store.all<JobRow>(`SELECT ${columns(store)} FROM jobs ORDER BY id DESC LIMIT $1`, [q.limit]);
  return rows.map(toJob);
}

/** Options of the progress stream; tests shorten them. */
export const JOB_EVENTS_DEFAULTS = {
  /** How often the jobs table is read for changes. */
  pollMs: 500,
  /** A stream ends after this long; the client reconnects (bounds what an idle tab holds). */
  maxStreamMs: 60_000,
  /** What a client waits before reconnecting (the SSE `retry` field). */
  retryMs: 2_000,
};

/**
 * Server-sent events of job progress: one `job` event (data: a JobInfo) for each running job at the
 * start and for every job whose row changed since (progress, state), read from the jobs table every
 * `pollMs`. The stream ends once no job is running (after the final state of each was sent), or
 * after `maxStreamMs`; clients reconnect after the `retry` delay, so a job that starts later is seen.
 * NOTE: on DuckDB, jobs run in the process that owns the file, so this sees the jobs of this process
 * (monitor runs of `vouch serve`, the demo's pipeline) and the last state of earlier ones. On
 * ClickHouse it sees the jobs every process records there.
 */
function jobEvents(store: Store, c: Parameters<ApiRoute['handle']>[0]['c']): Response {
  const o = JOB_EVENTS_DEFAULTS;
  return streamSSE(c, async (stream) => {
    let aborted = false;
    stream.onAbort(() => {
      aborted = true;
    });
    const sent = new Map<number, string>();
    const started = Date.now();
    // Changes from now on; jobs that ended before the stream opened are in GET /jobs.
    let since = new Date();
    let first = true;
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ pollMs: o.pollMs }), retry: o.retryMs });
    while (!aborted && Date.now() - started < o.maxStreamMs) {
      const rows = first
        ? await store.all<JobRow>(`SELECT ${columns(store)} FROM jobs WHERE state = 'running' ORDER BY id`)
        : await store.all<JobRow>(`SELECT ${columns(store)} FROM jobs WHERE state = 'running' OR updated_at >= $1 ORDER BY id`, [since]);
      first = false;
      for (const r of rows) {
        const job = toJob(r);
        const version = `${job.state}@${job.updatedAt.getTime()}@${JSON.stringify(job.progress)}`;
        if (sent.get(job.id) === version) continue;
        sent.set(job.id, version);
        if (job.updatedAt > since) since = job.updatedAt;
        await stream.writeSSE({ event: 'job', id: String(job.id), data: JSON.stringify(job) });
      }
      if (!rows.some((r) => r.state === 'running')) break;
      await stream.sleep(o.pollMs);
    }
    await stream.writeSSE({ event: 'idle', data: '{}' });
  });
}

/** The jobs table: a list, and a live stream of progress. */
export const jobRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/jobs',
    operationId: 'listJobs',
    summary: 'Crawl, ingest, rank and monitor jobs, newest first, with their state and last progress',
    tag: 'jobs',
    params: listJobsQuery,
    success: { status: 200, contentType: 'application/json', description: 'the jobs' },
    handle: async ({ c, store, input }) => c.json({ jobs: await listJobs(store, input) }),
  },
  {
    method: 'get',
    path: '/jobs/events',
    operationId: 'streamJobEvents',
    summary: 'Server-sent events of job progress while jobs run: a `job` event per change, `idle` when none runs',
    description: 'Send the bearer token in the Authorization header (read the stream with fetch). The stream ends when no job is running; reconnect after the `retry` delay to watch for new jobs.',
    tag: 'jobs',
    success: { status: 200, contentType: 'text/event-stream', description: 'the event stream' },
    handle: async ({ c, store }) => jobEvents(store, c),
  },
];
