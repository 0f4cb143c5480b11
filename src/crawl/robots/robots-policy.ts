/**
 * Fetches, caches and applies each origin's robots.txt (RFC 9309 section 2.3), through the
 * crawler's own fetcher (so the resolve map and SSRF guard apply):
 *
 * | robots.txt answer                                    | verdict                | cached for   |
 * |------------------------------------------------------|------------------------|--------------|
 * | 2xx                                                  | its rules              | ttlMs (24 h) |
 * | 4xx but 429; 3xx with no usable Location; >5 redirects or a redirect loop | allow all | ttlMs |
 * | 5xx, 429, network error, timeout, DNS failure, SSRF-refused, corrupt body | disallow all | errorTtlMs (10 min) |
 *
 * Up to 5 redirects are followed (RFC 9309 2.3.1.2). The body is cut at 500 KiB (Google's limit;
 * RFC 9309 asks for at least 500 KiB) and the part read is parsed. The cache holds at most
 * `maxEntries` origins, least recently used first out; concurrent checks of one origin share one fetch.
 */
import { NonRetryableError, VouchError } from '../../core/errors.js';
import { RedirectError } from '../fetch/errors.js';
import type { Fetcher } from '../fetch/create-fetcher.js';
import { matchRobots, robotsCrawlDelaySeconds } from './match-robots.js';
import { parseRobotsTxt } from './parse-robots-txt.js';
import { robotsProductToken } from './robots-agent.js';
import type { RobotsMatch, RobotsTxt } from './types.js';

export interface RobotsPolicyOptions {
  /** The User-Agent (or its product token) whose group applies; default the fetcher's. */
  userAgent?: string;
  ttlMs?: number;
  /** How soon an origin whose robots.txt failed (5xx, unreachable) is asked again. */
  errorTtlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Cap on Crawl-delay. */
  maxCrawlDelayMs?: number;
  /** Clock (epoch ms). */
  now?: () => number;
}

export const ROBOTS_POLICY_DEFAULTS = {
  userAgent: '',
  ttlMs: 24 * 60 * 60 * 1000,
  errorTtlMs: 10 * 60 * 1000,
  maxEntries: 10_000,
  maxBytes: 500 * 1024,
  maxRedirects: 5,
  maxCrawlDelayMs: 30_000,
  now: Date.now,
} satisfies Required<RobotsPolicyOptions>;

export type RobotsState = 'rules' | 'allow-all' | 'disallow-all';

/** What is known of one origin's robots.txt. */
export interface RobotsEntry {
  origin: string;
  robotsUrl: string;
  state: RobotsState;
  robots: RobotsTxt | null;
  /** Final HTTP status, or null when none came (network error). */
  status: number | null;
  /** Error code when the fetch failed (TIMEOUT, NETWORK, SSRF_BLOCKED, TOO_MANY_REDIRECTS, ...). */
  errorCode: string | null;
  /** Sitemap URLs, resolved against the robots.txt URL; invalid ones dropped. */
  sitemaps: string[];
  /** Crawl-delay for our agent, capped, or null. */
  crawlDelayMs: number | null;
  /** The body was longer than maxBytes and only its start was parsed. */
  truncated: boolean;
  fetchedAt: number;
  expiresAt: number;
}

export interface RobotsDecision extends RobotsMatch {
  state: RobotsState;
  crawlDelayMs: number | null;
  entry: RobotsEntry;
}

export class RobotsPolicy {
  readonly options: Readonly<Required<RobotsPolicyOptions>>;
  /** The product token matched against user-agent lines. */
  readonly agent: string;
  #fetcher: Pick<Fetcher, 'fetch'>;
  #cache = new Map<string, RobotsEntry>();
  #inFlight = new Map<string, Promise<RobotsEntry>>();

  constructor(fetcher: Pick<Fetcher, 'fetch'> & { options?: { userAgent: string } }, options: RobotsPolicyOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...ROBOTS_POLICY_DEFAULTS, userAgent: fetcher.options?.userAgent ?? 'Vouch', ...defined };
    this.agent = robotsProductToken(this.options.userAgent);
    this.#fetcher = fetcher;
  }

  /** Origins cached now. */
  get size(): number {
    return this.#cache.size;
  }

  /**
   * May our agent fetch `url`? Fetches the origin's robots.txt when not cached or expired.
   * @example const d = await policy.check('http://shop.test/cart'); if (!d.allowed) skip('ROBOTS_DISALLOWED');
   */
  async check(url: string): Promise<RobotsDecision> {
    const entry = await this.entryFor(url);
    const base = { state: entry.state, crawlDelayMs: entry.crawlDelayMs, entry };
    if (entry.state === 'rules') return { ...matchRobots(entry.robots!, this.agent, url), ...base };
    return { allowed: entry.state === 'allow-all', line: 0, rule: null, specific: false, ...base };
  }

  /** The cached entry for the URL's origin, fetched when missing or expired. */
  async entryFor(url: string): Promise<RobotsEntry> {
    const origin = originOf(url);
    const cached = this.#cache.get(origin);
    if (cached !== undefined && cached.expiresAt > this.options.now()) {
      // Re-insert: Map order is the LRU order.
      this.#cache.delete(origin);
      this.#cache.set(origin, cached);
      return cached;
    }
    let pending = this.#inFlight.get(origin);
    if (pending === undefined) {
      pending = this.#load(origin).finally(() => this.#inFlight.delete(origin));
      this.#inFlight.set(origin, pending);
    }
    return pending;
  }

  /** Drop an origin's entry, so the next check fetches again. */
  invalidate(origin: string): void {
    this.#cache.delete(originOf(origin));
  }

  async #load(origin: string): Promise<RobotsEntry> {
    const robotsUrl = `${origin}/robots.txt`;
    const fetchedAt = this.options.now();
    const entry = (state: RobotsState, extra: Partial<RobotsEntry>): RobotsEntry => ({
      origin, robotsUrl, state, robots: null, status: null, errorCode: null, sitemaps: [], crawlDelayMs: null, truncated: false, fetchedAt,
      expiresAt: fetchedAt + (state === 'disallow-all' ? this.options.errorTtlMs : this.options.ttlMs), ...extra,
    });
    let result: RobotsEntry;
    try {
      const res = await this.#fetcher.fetch(robotsUrl, { maxBytes: this.options.maxBytes, maxRedirects: this.options.maxRedirects, headers: { accept: 'text/plain,*/*;q=0.5' } });
      if (res.status >= 200 && res.status < 300) {
        const robots = parseRobotsTxt(res.body);
        const delay = robotsCrawlDelaySeconds(robots, this.agent);
        result = entry('rules', {
          robots, status: res.status, truncated: res.truncated, sitemaps: resolveSitemaps(robots.sitemaps, res.finalUrl),
          crawlDelayMs: delay === null ? null : Math.min(this.options.maxCrawlDelayMs, delay * 1000),
        });
      } else if (res.status === 429 || res.status >= 500) {
        result = entry('disallow-all', { status: res.status });
      } else {
        result = entry('allow-all', { status: res.status });
      }
    } catch (err) {
      // RFC 9309 2.3.1.2: past the redirect limit the file MAY be treated as unavailable (4xx).
      if (err instanceof RedirectError) result = entry('allow-all', { errorCode: err.code });
      else if (err instanceof VouchError) result = entry('disallow-all', { errorCode: err.code });
      else throw err;
    }
    while (this.#cache.size >= this.options.maxEntries) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(origin, result);
    return result;
  }
}

function resolveSitemaps(values: readonly string[], base: string): string[] {
  const out = new Set<string>();
  for (const value of values) {
    try {
      const url = new URL(value, base);
      if (url.protocol === 'http:' || url.protocol === 'https:') out.add(url.href);
    } catch {
      // An unparsable Sitemap line is ignored, as search engines do.
    }
  }
  return [...out];
}

function originOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NonRetryableError('INVALID_URL', `not a URL: ${url.slice(0, 200)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new NonRetryableError('INVALID_URL', `not an http(s) URL: ${url.slice(0, 200)}`);
  return parsed.origin;
}
