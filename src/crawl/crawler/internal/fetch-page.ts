import { RetryableError, toVouchError } from '../../../core/errors.js';
import { RedirectError } from '../../fetch/errors.js';
import { parseRetryAfter } from '../../fetch/parse-retry-after.js';
import type { Fetcher } from '../../fetch/create-fetcher.js';
import type { FetchResult, RedirectHop } from '../../fetch/types.js';

/** What one request for a page came to, sorted by what the crawler does next. */
export type PageFetch =
  /** A final answer (2xx, 3xx without a usable Location, 4xx): record it. */
  | { kind: 'response'; response: FetchResult }
  /** A redirect: record it as a page and a `redirect` link; follow the hop unless it loops onto itself. */
  | { kind: 'redirect'; hop: RedirectHop; selfLoop: boolean }
  /** 5xx, 429, timeout, reset: try again later, or record once attempts run out. */
  | { kind: 'retryable'; error: RetryableError; response?: FetchResult }
  /** Refused or broken for good (SSRF guard, bad URL, undecodable body...): record the code. */
  | { kind: 'failed'; code: string };

/**
 * Request one URL without following redirects: the crawler follows each hop through its frontier,
 * so that every hop gets robots.txt, scope and politeness like any other URL.
 */
export async function fetchPage(fetcher: Fetcher, url: string): Promise<PageFetch> {
  let response: FetchResult;
  try {
    // NOTE: no per-request AbortSignal: the fetcher combines it with its own (AbortSignal.any),
    // which costs about a fifth of the crawler's CPU per page. A stop waits for requests instead.
    response = await fetcher.fetch(url, { maxRedirects: 0 });
  } catch (err) {
    // With maxRedirects 0 the fetcher reports a redirect as an error carrying its one hop.
    if (err instanceof RedirectError && err.hops.length === 1) return { kind: 'redirect', hop: err.hops[0]!, selfLoop: err.code === 'REDIRECT_LOOP' };
    if (err instanceof RetryableError) return { kind: 'retryable', error: err };
    return { kind: 'failed', code: toVouchError(err).code };
  }
  if (response.status >= 500 || response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now());
    return { kind: 'retryable', error: new RetryableError('HTTP_STATUS', `HTTP ${response.status}`, { retryAfterMs }), response };
  }
  return { kind: 'response', response };
}
