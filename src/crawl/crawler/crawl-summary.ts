import type { DuckDbStore } from '../../store/index.js';
import type { CrawlSummary } from './types.js';

/**
 * Read back what a crawl job recorded: the pages of its frontier (by status and error code), the
 * links found on them (by kind and rel), and its hosts.
 * NOTE: pages and links are shared by every source and job (upserted by URL and link key), so a
 * page recorded by this job and fetched again by a later one shows the later fetch.
 */
export async function crawlSummary(store: DuckDbStore, jobId: number): Promise<CrawlSummary> {
  const recorded = `SELECT url, host FROM frontier WHERE job_id = $1 AND state IN ('done', 'failed')`;
  const byStatus = await store.all<{ status: number; pages: number }>(
    `SELECT p.status, count(*)::INTEGER AS pages FROM (${recorded}) f JOIN pages p USING (url) GROUP BY p.status ORDER BY p.status`,
    [jobId],
  );
  const byError = await store.all<{ code: string; pages: number }>(
    `SELECT p.error AS code, count(*)::INTEGER AS pages FROM (${recorded}) f JOIN pages p USING (url)
     WHERE p.error IS NOT NULL GROUP BY p.error ORDER BY pages DESC, code`,
    [jobId],
  );
  const byKind = await store.all<CrawlSummary['linksByKind'][number]>(
    `SELECT l.kind, count(*)::INTEGER AS links,
       count(*) FILTER (WHERE l.nofollow)::INTEGER AS nofollow,
       count(*) FILTER (WHERE l.ugc)::INTEGER AS ugc,
       count(*) FILTER (WHERE l.sponsored)::INTEGER AS sponsored,
       count(*) FILTER (WHERE l.meta_nofollow)::INTEGER AS "metaNofollow"
     FROM links l SEMI JOIN (${recorded}) f ON l.src_url = f.url
     WHERE l.source = 'crawl' AND l.lost_at IS NULL
     GROUP BY l.kind ORDER BY links DESC, l.kind`,
    [jobId],
  );
  const hosts = await store.all<{ host: string; pages: number }>(
    `SELECT host, count(*)::INTEGER AS pages FROM (${recorded}) GROUP BY host ORDER BY pages DESC, host`,
    [jobId],
  );
  const queued = await store.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM frontier WHERE job_id = $1 AND state IN ('queued', 'fetching')`,
    [jobId],
  );
  return {
    jobId,
    pages: byStatus.reduce((n, r) => n + r.pages, 0),
    pagesByStatus: byStatus,
    errorsByCode: byError,
    links: byKind.reduce((n, r) => n + r.links, 0),
    linksByKind: byKind,
    hosts: hosts.length,
    topHosts: hosts.slice(0, 20),
    queued: queued?.n ?? 0,
  };
}
