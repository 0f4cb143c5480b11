import { createFetcher } from './fetch/create-fetcher.js';
import type { Fetcher } from './fetch/create-fetcher.js';
import { RobotsPolicy } from './robots/robots-policy.js';
import { PolitenessScheduler } from './schedule/politeness-scheduler.js';

export interface PoliteFetchingOptions {
  userAgent: string;
  resolve: readonly string[];
  allowPrivate: boolean;
  maxBytes: number;
  /** Whole-request timeout; the connect, headers and body-idle timeouts are capped by it. */
  timeoutMs: number;
  perHost: number;
  delayMs: number;
  concurrency: number;
}

export interface PoliteFetching {
  fetcher: Fetcher;
  robots: RobotsPolicy;
  scheduler: PolitenessScheduler;
}

/**
 * The fetcher, robots.txt policy and per-host scheduler that every job fetching other people's
 * pages uses (crawl, verify), built from the same settings so they are polite in the same way.
 */
export function createPoliteFetching(o: PoliteFetchingOptions): PoliteFetching {
  const fetcher = createFetcher({
    userAgent: o.userAgent,
    resolve: o.resolve,
    allowPrivate: o.allowPrivate,
    maxBytes: o.maxBytes,
    totalTimeoutMs: o.timeoutMs,
    connectTimeoutMs: Math.min(10_000, o.timeoutMs),
    headersTimeoutMs: Math.min(15_000, o.timeoutMs),
    bodyTimeoutMs: Math.min(15_000, o.timeoutMs),
  });
  return {
    fetcher,
    robots: new RobotsPolicy(fetcher, { userAgent: o.userAgent }),
    scheduler: new PolitenessScheduler({ perHost: o.perHost, delayMs: o.delayMs, globalConcurrency: o.concurrency }),
  };
}
