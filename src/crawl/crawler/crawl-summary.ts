import type { Store } from '../../store/index.js';
import type { CrawlSummary } from './types.js';

/**
 * Read back what a crawl job recorded: the pages of its frontier (by status and error code), the
 * links found on them (by kind and rel), and its hosts.
 * NOTE: pages and links are shared by every source and job (upserted by URL and link key), so a
 * page recorded by this job and fetched again by a later one shows the later fetch.
 */
export async function crawlSummary(store: Store, jobId: number): Promise<CrawlSummary> {
  const sql = store.dialect === 'clickhouse' ? CLICKHOUSE_SQL : DUCKDB_SQL;
  const byStatus = await store.all<{ status: number; pages: number }>(sql.byStatus, [jobId]);
  const byError = await store.all<{ code: string; pages: number }>(sql.byError, [jobId]);
  const byKind = await store.all<CrawlSummary['linksByKind'][number]>(sql.byKind, [jobId]);
  const hosts = await store.all<{ host: string; pages: number }>(sql.hosts, [jobId]);
  const queued = await store.one<{ n: number }>(sql.queued, [jobId]);
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

const RECORDED = `SELECT url, host FROM frontier WHERE job_id = $1 AND state IN ('done', 'failed')`;

const DUCKDB_SQL = {
  byStatus: `SELECT p.status, count(*)::INTEGER AS pages FROM (${RECORDED}) f JOIN pages p USING (url) GROUP BY p.status ORDER BY p.status`,
  byError: `SELECT p.error AS code, count(*)::INTEGER AS pages FROM (${RECORDED}) f JOIN pages p USING (url)
     WHERE p.error IS NOT NULL GROUP BY p.error ORDER BY pages DESC, code`,
  byKind: `SELECT l.kind, count(*)::INTEGER AS links,
       count(*) FILTER (WHERE l.nofollow)::INTEGER AS nofollow,
       count(*) FILTER (WHERE l.ugc)::INTEGER AS ugc,
       count(*) FILTER (WHERE l.sponsored)::INTEGER AS sponsored,
       count(*) FILTER (WHERE l.meta_nofollow)::INTEGER AS "metaNofollow"
     FROM links l SEMI JOIN (${RECORDED}) f ON l.src_url = f.url
     WHERE l.source = 'crawl' AND l.lost_at IS NULL
     GROUP BY l.kind ORDER BY links DESC, l.kind`,
  hosts: `SELECT host, count(*)::INTEGER AS pages FROM (${RECORDED}) GROUP BY host ORDER BY pages DESC, host`,
  queued: `SELECT count(*)::INTEGER AS n FROM frontier WHERE job_id = $1 AND state IN ('queued', 'fetching')`,
};

/** The same questions in ClickHouse SQL (the frontier rows a distributed owner records; see clickhouse-owner-sink.ts). */
const CLICKHOUSE_SQL = {
  byStatus: `SELECT p.status AS status, toInt32(count()) AS pages FROM (${RECORDED}) f JOIN pages p ON p.url = f.url GROUP BY p.status ORDER BY p.status`,
  byError: `SELECT p.error AS code, toInt32(count()) AS pages FROM (${RECORDED}) f JOIN pages p ON p.url = f.url
     WHERE p.error IS NOT NULL GROUP BY p.error ORDER BY pages DESC, code`,
  byKind: `SELECT l.kind AS kind, toInt32(count()) AS links, toInt32(countIf(l.nofollow)) AS nofollow, toInt32(countIf(l.ugc)) AS ugc,
       toInt32(countIf(l.sponsored)) AS sponsored, toInt32(countIf(l.meta_nofollow)) AS metaNofollow
     FROM links l WHERE l.src_url IN (SELECT url FROM (${RECORDED})) AND l.source = 'crawl' AND l.lost_at IS NULL
     GROUP BY l.kind ORDER BY links DESC, kind`,
  hosts: `SELECT host, toInt32(count()) AS pages FROM (${RECORDED}) GROUP BY host ORDER BY pages DESC, host`,
  queued: `SELECT toInt32(count()) AS n FROM frontier WHERE job_id = $1 AND state IN ('queued', 'fetching')`,
};
