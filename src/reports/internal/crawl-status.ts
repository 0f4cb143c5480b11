import type { CrawlStatus } from '../schemas/best-pages-query.js';

/** SQL over `p.status` (NULL when the page was never fetched) giving a CrawlStatus. */
export const CRAWL_STATUS_SQL = `CASE WHEN p.status IS NULL THEN 'unknown' WHEN p.status = 0 THEN 'failed'
  WHEN p.status < 300 THEN 'ok' WHEN p.status < 400 THEN 'redirect' WHEN p.status < 500 THEN 'client-error' ELSE 'server-error' END`;

export function crawlStatusOf(status: number | null): CrawlStatus {
  if (status === null) return 'unknown';
  if (status === 0) return 'failed';
  if (status < 300) return 'ok';
  if (status < 400) return 'redirect';
  if (status < 500) return 'client-error';
  return 'server-error';
}
