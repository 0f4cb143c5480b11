/** A snapshot of a running crawl, for progress displays. Counts cover the whole job (all runs). */
export interface CrawlProgress {
  jobId: number;
  /** URLs recorded (fetched, or refused with an error code). */
  pages: number;
  /** Of those, recorded with an error code. */
  errors: number;
  /** URLs held but not recorded yet (queued, claimed, in flight, waiting for a retry). */
  queued: number;
  inFlight: number;
  /** URLs recorded by this run only. */
  pagesThisRun: number;
  elapsedMs: number;
  /** pagesThisRun per second of this run. */
  pagesPerSecond: number;
}

/** Pages, links, hosts and errors of one crawl job, read back from the store. */
export interface CrawlSummary {
  jobId: number;
  pages: number;
  /** Pages by HTTP status (0 = no answer: refused or failed before a status). */
  pagesByStatus: { status: number; pages: number }[];
  /** Pages by error code (none for pages without error). */
  errorsByCode: { code: string; pages: number }[];
  links: number;
  /** Links by kind, with how many carry each rel flag. */
  linksByKind: { kind: string; links: number; nofollow: number; ugc: number; sponsored: number; metaNofollow: number }[];
  hosts: number;
  /** Hosts by number of pages recorded, largest first (at most 20). */
  topHosts: { host: string; pages: number }[];
  /** URLs the job holds that were not recorded (only after an interrupted run, or for pending retries). */
  queued: number;
}

/** What `crawl()` returns. */
export interface CrawlResult {
  jobId: number;
  jobKey: string;
  /** An unfinished job with the same key was picked up. */
  resumed: boolean;
  /** `done` when the frontier ran out; `interrupted` when the signal stopped it. */
  state: 'done' | 'interrupted';
  /** Pages recorded by this run. */
  pagesThisRun: number;
  elapsedMs: number;
  pagesPerSecond: number;
  summary: CrawlSummary;
}
