import { newClickHouseRowId, reviseClickHouseRows } from '../../store/index.js';
import type { Store } from '../../store/index.js';

/** A row of the `jobs` table, as a resumable job sees it. */
export interface JobRow {
  id: number;
  kind: string;
  jobKey: string;
  state: JobState;
  params: unknown;
  progress: unknown;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/**
 * `running` while a process works on it (or until the next run notices that process died),
 * `interrupted` after a clean stop (Ctrl-C), `failed` after an error that aborted it, `done` once
 * the work ran out. Only `done` is final: the same job key resumes any other state.
 */
export type JobState = 'running' | 'interrupted' | 'failed' | 'done';

export interface OpenJobOptions {
  kind: string;
  /** Identifies "the same job": the same key resumes an unfinished job. */
  jobKey: string;
  /** Stored as JSON for `vouch jobs` and for humans; not used to match. */
  params: unknown;
  /** Start a new job even when an unfinished one has this key. */
  fresh?: boolean;
}

export interface OpenedJob {
  job: JobRow;
  /** True when an unfinished job with this key was picked up again. */
  resumed: boolean;
}

interface RawJob {
  id: bigint;
  kind: string;
  job_key: string;
  state: string;
  params: unknown;
  progress: unknown;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

/**
 * Find the newest unfinished job of this kind and key and mark it running again, or create one.
 * NOTE: DuckDB lets one process own the file, so a `running` job found here belongs to a
 * process that died (kill -9, power loss): taking it over is safe. A ClickHouse store is shared:
 * there the caller makes sure one process runs a job key at a time (the crawl's owner key in
 * Redis, the monitor's lock).
 * @example const { job, resumed } = await openJob(store, { kind: 'crawl', jobKey, params });
 */
export async function openJob(store: Store, options: OpenJobOptions): Promise<OpenedJob> {
  const now = new Date();
  const clickhouse = store.dialect === 'clickhouse';
  if (options.fresh !== true) {
    const found = await store.one<RawJob>(
      `SELECT * FROM jobs WHERE kind = $1 AND job_key = $2 ORDER BY id DESC LIMIT 1`,
      [options.kind, options.jobKey],
    );
    if (found !== undefined && found.state !== 'done') {
      if (clickhouse) {
        await reviseClickHouseRows(
          store,
          'jobs',
          `'running' AS state, toNullable(toInt32($2)) AS pid, CAST(NULL AS Nullable(String)) AS error, CAST(NULL AS Nullable(DateTime64(3, 'UTC'))) AS finished_at`,
          `id = $1`,
          [found.id, process.pid],
        );
      } else {
        await store.run(`UPDATE jobs SET state = 'running', pid = $2, updated_at = $3, error = NULL, finished_at = NULL WHERE id = $1`, [found.id, process.pid, now]);
      }
      return { job: toJob({ ...found, state: 'running', error: null, finished_at: null }), resumed: true };
    }
  }
  if (clickhouse) {
    // No sequence on ClickHouse: a time-ordered id, so "newest" still sorts last.
    const id = newClickHouseRowId();
    await store.run(
      `INSERT INTO jobs_data (id, kind, job_key, state, params, progress, pid, started_at, updated_at, finished_at, error)
       VALUES ($1, $2, $3, 'running', $4, '{}', $5, $6, $6, NULL, NULL)`,
      [id, options.kind, options.jobKey, JSON.stringify(options.params ?? null), process.pid, now],
    );
    return { job: toJob((await store.one<RawJob>(`SELECT * FROM jobs WHERE id = $1`, [id]))!), resumed: false };
  }
  const created = await store.one<RawJob>(
    `INSERT INTO jobs (kind, job_key, state, params, progress, pid, started_at, updated_at)
     VALUES ($1, $2, 'running', $3, '{}', $4, $5, $5) RETURNING *`,
    [options.kind, options.jobKey, JSON.stringify(options.params ?? null), process.pid, now],
  );
  return { job: toJob(created!), resumed: false };
}

/** Record the job's progress (any JSON) and keep it `running`. */
export async function updateJobProgress(store: Store, jobId: number, progress: unknown): Promise<void> {
  if (store.dialect === 'clickhouse') {
    await reviseClickHouseRows(store, 'jobs', `toNullable($2) AS progress`, `id = $1`, [jobId, JSON.stringify(progress)]);
    return;
  }
  await store.run(`UPDATE jobs SET progress = $2, updated_at = $3 WHERE id = $1`, [jobId, JSON.stringify(progress), new Date()]);
}

/** Leave the job in its final (`done`) or resumable (`interrupted`, `failed`) state. */
export async function finishJob(
  store: Store,
  jobId: number,
  state: Exclude<JobState, 'running'>,
  options: { progress?: unknown; error?: string | null } = {},
): Promise<void> {
  const progress = options.progress === undefined ? null : JSON.stringify(options.progress);
  if (store.dialect === 'clickhouse') {
    await reviseClickHouseRows(
      store,
      'jobs',
      `$2 AS state, ${state === 'done' ? `toNullable(now64(3, 'UTC'))` : `CAST(NULL AS Nullable(DateTime64(3, 'UTC')))`} AS finished_at, $3 AS error,
       CAST(NULL AS Nullable(Int32)) AS pid, ${progress === null ? 'progress' : 'toNullable($4)'} AS progress`,
      `id = $1`,
      [jobId, state, options.error ?? null, progress],
    );
    return;
  }
  const now = new Date();
  await store.run(
    `UPDATE jobs SET state = $2, updated_at = $3, finished_at = $4, error = $5, pid = NULL,
       progress = coalesce($6, progress) WHERE id = $1`,
    [jobId, state, now, state === 'done' ? now : null, options.error ?? null, progress],
  );
}

function toJob(raw: RawJob): JobRow {
  return {
    id: Number(raw.id),
    kind: raw.kind,
    jobKey: raw.job_key,
    state: raw.state as JobState,
    params: parseJson(raw.params),
    progress: parseJson(raw.progress),
    startedAt: raw.started_at,
    finishedAt: raw.finished_at,
    error: raw.error,
  };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
