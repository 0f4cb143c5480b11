/**
 * The owner of a distributed crawl on a ClickHouse store: results go in through the port's bulk
 * writers, and the job's `frontier` rows (one per fetched URL, with its outcome) and progress are
 * written as new row versions, so the crawl summary and a resumed owner's counts read the same
 * table a DuckDB owner keeps. The queue itself stays in Redis.
 *
 * Crash safety as with DuckDB's single transaction, by order instead: pages and links first (upserts),
 * then the frontier rows (versions keyed by job and URL), then the job's progress; the results are
 * acknowledged after all three, so a crash in between writes the same rows again.
 */
import type { ClickHouseStore } from '../../store/index.js';
import { updateJobProgress } from '../frontier/open-job.js';
import type { FrontierCounts } from '../frontier/types.js';
import type { CrawlSink } from './take-results.js';

/** A sink into `store` for crawl job `jobId`; `progress` is stored with the job after each batch. */
export function clickHouseOwnerSink(store: ClickHouseStore, jobId: number, progress: () => unknown): CrawlSink {
  return {
    async write(batch) {
      if (batch.links.length > 0) await store.writeLinks(batch.links, { jobId });
      await store.writePages(batch.pages);
      const now = new Date();
      const outcome = new Map(batch.settled.map((s) => [s.url, s]));
      const rows = batch.recorded.map((r) => {
        const s = outcome.get(r.url);
        return {
          job_id: jobId, url: r.url, host: r.host, depth: r.depth, state: s?.state ?? 'done', next_fetch_at: s?.nextFetchAt ?? null,
          attempts: s?.attempts ?? 1, last_error: s?.lastError ?? null, discovered_at: now, updated_at: now,
        };
      });
      await store.insertRows('frontier_data', rows);
      await updateJobProgress(store, jobId, progress());
    },
  };
}

/** The job's recorded URLs by state, as DuckDbFrontier.counts() gives them. */
export async function clickHouseFrontierCounts(store: ClickHouseStore, jobId: number): Promise<FrontierCounts> {
  const rows = await store.all<{ state: string; n: number }>(`SELECT state, toInt32(count()) AS n FROM frontier WHERE job_id = $1 GROUP BY state`, [jobId]);
  const counts: FrontierCounts = { queued: 0, fetching: 0, done: 0, failed: 0, total: 0 };
  for (const { state, n } of rows) {
    if (state === 'queued' || state === 'fetching' || state === 'done' || state === 'failed') counts[state] = n;
    counts.total += n;
  }
  return counts;
}
