import { createHash } from 'node:crypto';
import type { ResolvedCrawlOptions } from './crawl-options.js';

/**
 * The options that decide WHAT a crawl collects, in a stable form. Two runs with equal
 * parameters are the same job, so the second resumes the first. How fast and through which
 * addresses it gets there (concurrency, per-host, delay, timeout, retries, --resolve) is left out:
 * a killed crawl may be resumed politer, faster, or against a demo server on another port.
 */
export function crawlJobParams(options: ResolvedCrawlOptions, canonicalSeeds: readonly string[]): Record<string, unknown> {
  const scope = typeof options.scope === 'string' ? options.scope : { list: [...options.scope.list].map((e) => e.toLowerCase()).sort() };
  return {
    seeds: [...new Set(canonicalSeeds)].sort(),
    scope,
    maxPages: options.maxPages,
    maxDepth: options.maxDepth,
    include: [...options.include],
    exclude: [...options.exclude],
    userAgent: options.userAgent,
    sitemaps: options.sitemaps,
    maxBytes: options.maxBytes,
    allowPrivate: options.allowPrivate,
  };
}

/**
 * The job key: a SHA-256 of the crawl's parameters (see crawlJobParams).
 * @example crawlJobKey(crawlJobParams(resolveCrawlOptions({ seeds }), seeds)) // 'crawl:3f2a…'
 */
export function crawlJobKey(params: Record<string, unknown>): string {
  return 'crawl:' + createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 32);
}
