/**
 * Retries with exponential backoff and jitter, honouring Retry-After. Split in two so that the
 * crawler can either wait in place (`withRetry`) or put the URL back in its frontier for
 * `retryDelayMs(...)` later and keep its workers busy.
 *
 * Delay before attempt n+1 (n = attempts made, from 1): the server's Retry-After when given,
 * else d = min(maxDelayMs, baseDelayMs * 2^(n-1)) with "equal jitter": d/2 + random() * d/2.
 */
import { RetryableError } from '../../core/errors.js';
import { sleep } from '../internal/sleep.js';
import { HttpStatusError } from './errors.js';
import { parseRetryAfter } from './parse-retry-after.js';
import type { FetchResult } from './types.js';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown (schedule it instead). */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1); pass a seeded one for reproducible delays. */
  random?: () => number;
  /** How to wait; tests may pass one that records. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal | null;
  /** Told before each wait. */
  onRetry?: ((info: { attempt: number; delayMs: number; error: RetryableError }) => void) | null;
}

export const RETRY_DEFAULTS = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  random: Math.random,
  sleep: sleep,
  signal: null,
  onRetry: null,
} satisfies Required<RetryOptions>;

/**
 * How long to wait after `attempt` failed attempts (1 = the first failed), or null to give up
 * (attempts spent, or a Retry-After beyond maxRetryAfterMs).
 */
export function retryDelayMs(attempt: number, error: RetryableError, options: RetryOptions = {}): number | null {
  const o = { ...RETRY_DEFAULTS, ...options };
  if (attempt >= o.maxAttempts) return null;
  if (error.retryAfterMs !== null) return error.retryAfterMs <= o.maxRetryAfterMs ? error.retryAfterMs : null;
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + o.random() * (ceiling / 2));
}

/**
 * Run `fn` until it succeeds, throws something other than a RetryableError, or retries run out
 * (then the last error is thrown).
 * @example const page = await withRetry(async () => throwIfRetryableStatus(await fetcher.fetch(url)));
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const o = { ...RETRY_DEFAULTS, ...options };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!(err instanceof RetryableError)) throw err;
      const delayMs = retryDelayMs(attempt, err, o);
      if (delayMs === null) throw err;
      o.onRetry?.({ attempt, delayMs, error: err });
      await o.sleep(delayMs, o.signal ?? undefined);
    }
  }
}

/** Throw HttpStatusError (retryable, with Retry-After) for 5xx and 429; pass anything else through. */
export function throwIfRetryableStatus(result: FetchResult, nowMs: number = Date.now()): FetchResult {
  if (result.status >= 500 || result.status === 429) throw new HttpStatusError(result, parseRetryAfter(result.headers['retry-after'], nowMs));
  return result;
}
