/**
 * Shapes of monitoring: why a backlink is lost, what `verify` is asked to do, and what it found.
 * Reason names follow the demo truth's DemoLossReason where one exists (see LOSS_REASONS).
 */

/**
 * Why a backlink no longer counts. The first six are the demo truth's DemoLossReason; `now-ugc`
 * and `now-sponsored` are the truth's `now-nofollow` told apart; `page-not-canonical` and
 * `crawl-error` have no counterpart in the demo web.
 */
export type LossReason =
  /** The source page answers 4xx (404, 410, 401, 403...), 429 aside. */
  | 'page-gone'
  /** The source page now redirects elsewhere (a `redirect` link whose target changed is `link-removed`). */
  | 'page-redirects'
  /** The source page now says noindex (meta robots or X-Robots-Tag). */
  | 'page-noindex'
  /** The source page's canonical now points at another URL. */
  | 'page-not-canonical'
  /** robots.txt now disallows the source page. */
  | 'page-blocked'
  /** The page answers, without the link. */
  | 'link-removed'
  /** The link (or its page, by meta robots) is now nofollow. */
  | 'now-nofollow'
  | 'now-ugc'
  | 'now-sponsored'
  /** The page failed (network, timeout, 5xx, 429) `failuresBeforeLost` checks in a row, each after retries. */
  | 'crawl-error';

export const LOSS_REASONS: readonly LossReason[] = [
  'page-gone',
  'page-redirects',
  'page-noindex',
  'page-not-canonical',
  'page-blocked',
  'link-removed',
  'now-nofollow',
  'now-ugc',
  'now-sponsored',
  'crawl-error',
];

/** What a check of one source page came to. */
export type PageObservation =
  /** 2xx: the page's facts and its links (none when it is not HTML). */
  | { kind: 'ok'; status: number; noindex: boolean; nofollow: boolean; canonical: string | null; links: ObservedLink[] }
  /** 4xx but 429. */
  | { kind: 'gone'; status: number }
  /** 3xx; `location` is the canonical target, null when Location was unusable. */
  | { kind: 'redirect'; status: number; location: string | null }
  /** robots.txt disallows the page. */
  | { kind: 'blocked' }
  /** No usable answer after retries (network, timeout, 5xx, 429, robots.txt unreachable, refused). */
  | { kind: 'failed'; code: string; status: number | null };

/** A link as the page shows it now (the identity is dstUrl, kind and anchor on the page). */
export interface ObservedLink {
  dstUrl: string;
  kind: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  metaNofollow: boolean;
  hidden: boolean;
  position: string;
  context: string;
  httpStatus: number | null;
}

/** Options of `verify()`; every one has a default in VERIFY_DEFAULTS. */
export interface VerifyOptions {
  /** Requests in flight in all. */
  concurrency?: number;
  /** Requests in flight to one host. */
  perHost?: number;
  /** Least gap between request starts to one host (robots.txt Crawl-delay can raise it). */
  delayMs?: number;
  userAgent?: string;
  /** `host=ip[:port]` rules, as for `vouch crawl --resolve`. */
  resolve?: readonly string[];
  /** Allow loopback and private addresses (refused by default against SSRF). */
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  /** Attempts of one page within one run, the first included (5xx, 429, timeouts, resets). */
  maxAttempts?: number;
  /** First backoff before a retry, doubled each time with jitter. */
  retryBaseDelayMs?: number;
  /** Runs in a row whose check of a page failed (after retries) before its links are lost with `crawl-error`. */
  failuresBeforeLost?: number;
  /** Also re-check lost backlinks, to see them come back. */
  recheckLost?: boolean;
  /** Start a new job even when an unfinished one exists for the target. */
  fresh?: boolean;
}

/** One line of the summary: how many events of a kind (and reason) this job wrote. */
export interface VerifyEventCount {
  event: 'new' | 'lost' | 'recovered';
  reason: LossReason | null;
  links: number;
}

export interface VerifyResult {
  jobId: number;
  resumed: boolean;
  /** `interrupted` when the signal stopped it; the same call again resumes it. */
  state: 'done' | 'interrupted';
  /** Source pages the job checks, over all its runs. */
  pages: number;
  /** Of those, checked by this run. */
  pagesThisRun: number;
  /** Pages whose check failed this time (each counted in monitor_pages). */
  failedPages: number;
  /** Backlinks of the target that were checked (live and lost). */
  links: number;
  /** Events written by the job (all its runs), by event and reason. */
  events: VerifyEventCount[];
  elapsedMs: number;
}

/** What verify reports while it runs. */
export interface VerifyProgress {
  jobId: number;
  pages: number;
  done: number;
  failed: number;
}
