/**
 * Shapes of the crawl frontier: the persistent queue of one crawl job, one row per URL in the
 * `frontier` table, keyed by (job_id, url).
 *
 * A row moves `queued` → `fetching` (claimed by a running crawler) → `done` (recorded, no error)
 * or `failed` (recorded with an error code). A retry puts it back to `queued` with a later
 * `next_fetch_at`. A crawler that dies leaves `fetching` rows behind; the next run puts them back
 * to `queued` before it claims anything.
 */

export type FrontierState = 'queued' | 'fetching' | 'done' | 'failed';

/** A URL claimed for fetching. */
export interface FrontierEntry {
  /** Canonical URL (canonicalizeUrl). */
  url: string;
  host: string;
  /** Link hops from the nearest seed (seeds are 0; a redirect target is one more than its source). */
  depth: number;
  /** Failed attempts so far. */
  attempts: number;
}

/** A URL found by the crawl, to be added to the frontier unless the job already holds it. */
export interface DiscoveredUrl {
  url: string;
  host: string;
  depth: number;
}

/** The outcome of one claimed URL. */
export interface SettledEntry {
  url: string;
  state: Exclude<FrontierState, 'fetching'>;
  attempts: number;
  /** Error code of the last attempt, when it failed. */
  lastError: string | null;
  /** For `queued` (a retry): not before this time. */
  nextFetchAt: Date | null;
}

/** Row counts of one job's frontier by state. */
export interface FrontierCounts {
  queued: number;
  fetching: number;
  done: number;
  failed: number;
  total: number;
}
