import { useEffect, useState } from 'react';
import { streamEvents } from '../api/client.js';
import type { Job } from '../api/types.js';
import { Status, formatNumber } from '../components/status.js';
import { useApi } from '../components/use-api.js';

/** done/total of a job's progress, whatever its kind reports: crawl (pages, queued), or done/total phases. */
export function progressRatio(progress: unknown): { done: number; total: number } | null {
  if (progress === null || typeof progress !== 'object') return null;
  const p = progress as Record<string, unknown>;
  const num = (k: string): number | null => (typeof p[k] === 'number' ? (p[k] as number) : null);
  const pages = num('pages');
  const queued = num('queued');
  if (pages !== null && queued !== null) return { done: pages, total: pages + queued };
  const done = num('done') ?? num('processed') ?? num('checked');
  const total = num('total');
  if (done !== null && total !== null && total > 0) return { done, total };
  return null;
}

function details(progress: unknown): string {
  if (progress === null || typeof progress !== 'object') return '';
  return Object.entries(progress as Record<string, unknown>)
    .filter(([k, v]) => (typeof v === 'number' || typeof v === 'string') && k !== 'jobId')
    .slice(0, 8)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? formatNumber(v, Number.isInteger(v) ? 0 : 1) : v}`)
    .join(' · ');
}

function JobCard({ job }: { job: Job }) {
  const ratio = progressRatio(job.progress);
  return (
    <li className={`job job-${job.state}`} data-job-id={job.id} data-state={job.state}>
      <div className="job-head">
        <strong>{job.kind}</strong> <span className="muted">#{job.id}</span> <span className={`badge badge-${job.state}`}>{job.state}</span>
        <span className="muted"> started {job.startedAt.replace('T', ' ').slice(0, 19)}, updated {job.updatedAt.replace('T', ' ').slice(0, 19)}</span>
      </div>
      {ratio ? (
        <div className="job-progress">
          <progress max={ratio.total} value={ratio.done} aria-label={`${job.kind} #${job.id} progress`} />
          <span data-testid="job-ratio">{formatNumber(ratio.done)} / {formatNumber(ratio.total)}</span>
        </div>
      ) : null}
      <p className="muted job-details">{details(job.progress)}</p>
      {job.error ? <p className="error">{job.error}</p> : null}
    </li>
  );
}

/** Running jobs with live progress (server-sent events), then the most recent finished ones. */
export function JobsPage() {
  const list = useApi<{ jobs: Job[] }>('/jobs', { limit: 20 });
  const [live, setLive] = useState<Map<number, Job>>(new Map());
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    void streamEvents('/jobs/events', (event, data) => {
      if (event === 'hello') setConnected(true);
      if (event !== 'job') return;
      const job = JSON.parse(data) as Job;
      setLive((m) => new Map(m).set(job.id, job));
    }, controller.signal);
    return () => controller.abort();
  }, []);

  const merged = new Map<number, Job>();
  for (const j of list.data?.jobs ?? []) merged.set(j.id, j);
  for (const [id, j] of live) {
    const known = merged.get(id);
    if (!known || j.updatedAt >= known.updatedAt) merged.set(id, j);
  }
  const jobs = [...merged.values()].sort((a, b) => b.id - a.id);
  const running = jobs.filter((j) => j.state === 'running');
  const recent = jobs.filter((j) => j.state !== 'running');

  return (
    <Status loading={list.loading} error={list.error}>
      <section aria-labelledby="h-running">
        <h2 id="h-running">Running</h2>
        <p className="muted" role="status">{connected ? 'Live: progress updates as the jobs report it.' : 'Connecting…'}</p>
        {running.length === 0 ? <p>No job is running.</p> : <ul className="jobs" aria-live="polite">{running.map((j) => <JobCard key={j.id} job={j} />)}</ul>}
      </section>
      <section aria-labelledby="h-recent">
        <h2 id="h-recent">Recent</h2>
        {recent.length === 0 ? <p className="muted">No finished job yet.</p> : <ul className="jobs">{recent.map((j) => <JobCard key={j.id} job={j} />)}</ul>}
      </section>
    </Status>
  );
}
