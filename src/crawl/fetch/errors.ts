import { NonRetryableError, RetryableError } from '../../core/errors.js';
import type { VouchErrorCode } from '../../core/errors.js';
import type { AddressBlockReason } from './address-block-reason.js';
import type { FetchResult, RedirectHop } from './types.js';

/** The SSRF guard refused an address (code SSRF_BLOCKED); the message names the URL and address. */
export class SsrfBlockedError extends NonRetryableError {
  readonly url: string;
  readonly address: string;
  readonly reason: AddressBlockReason;
  constructor(url: string, address: string, reason: AddressBlockReason) {
    super('SSRF_BLOCKED', `refusing to fetch ${url}: it resolves to ${address}, a ${reason} address (allowPrivate or allowAddresses lifts this)`);
    this.url = url;
    this.address = address;
    this.reason = reason;
  }
}

/** A redirect chain that loops (REDIRECT_LOOP) or runs past the limit (TOO_MANY_REDIRECTS). */
export class RedirectError extends NonRetryableError {
  readonly hops: readonly RedirectHop[];
  constructor(code: Extract<VouchErrorCode, 'REDIRECT_LOOP' | 'TOO_MANY_REDIRECTS'>, message: string, hops: readonly RedirectHop[]) {
    super(code, message);
    this.hops = hops;
  }
}

/** A 5xx or 429 answer, thrown by `throwIfRetryableStatus` so that `withRetry` tries again. */
export class HttpStatusError extends RetryableError {
  readonly status: number;
  /** The full response, for the caller that gives up and records it. */
  readonly result: FetchResult;
  constructor(result: FetchResult, retryAfterMs: number | null) {
    super('HTTP_STATUS', `${result.finalUrl} answered HTTP ${result.status}`, { retryAfterMs });
    this.status = result.status;
    this.result = result;
  }
}

const hopsByError = new WeakMap<object, readonly RedirectHop[]>();

/** Remember the redirects followed before a fetch failed. */
export function attachHops<E extends Error>(err: E, hops: readonly RedirectHop[]): E {
  if (hops.length > 0 && !hopsByError.has(err)) hopsByError.set(err, [...hops]);
  return err;
}

/**
 * The redirect hops a failed fetch followed before it failed (empty if none), so the crawler
 * can store each hop as a `redirect` link even when the chain ends in an error.
 */
export function hopsOf(err: unknown): readonly RedirectHop[] {
  if (err instanceof RedirectError) return err.hops;
  return (typeof err === 'object' && err !== null && hopsByError.get(err)) || [];
}
