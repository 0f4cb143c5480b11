import { prime } from '../api/client.js';
import type { Query } from '../api/client.js';

/** The API calls of the overview, in one place: the page makes them, and the boot code starts them early. */
export function overviewRequests(target: string): Record<'summary' | 'history' | 'anchors' | 'top', { path: string; query?: Query }> {
  const base = `/targets/${encodeURIComponent(target)}`;
  return {
    summary: { path: `${base}/summary` },
    history: { path: `${base}/history`, query: { interval: 'day' } },
    anchors: { path: `${base}/anchors`, query: { limit: 1 } },
    top: { path: `${base}/refdomains`, query: { sort: 'authority', order: 'desc', limit: 10 } },
  };
}

/** Start the calls the page at `pathname` makes first (the target list, and the overview's reports). */
export function primeForPath(pathname: string): void {
  prime('/targets');
  const m = /^\/t\/([^/]+)\/overview$/.exec(pathname);
  if (!m) return;
  for (const r of Object.values(overviewRequests(decodeURIComponent(m[1]!)))) prime(r.path, r.query);
}
