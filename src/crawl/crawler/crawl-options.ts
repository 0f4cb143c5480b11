import { DEFAULT_USER_AGENT } from '../fetch/fetcher-defaults.js';

/**
 * Which discovered URLs the crawl follows:
 * - `url`: URLs that start with one of the seed URLs (string prefix of the canonical seed);
 * - `host`: URLs on one of the seeds' hosts;
 * - `domain`: URLs on one of the seeds' registrable domains (any subdomain);
 * - `{ list }`: URLs whose host is one of the entries or a subdomain of one.
 */
export type CrawlScope = 'url' | 'host' | 'domain' | { list: readonly string[] };

/** What a crawl is asked to do. Everything but `seeds` has a default (CRAWL_DEFAULTS). */
export interface CrawlOptions {
  /** Start URLs (http or https); canonicalised. */
  seeds: readonly string[];
  scope?: CrawlScope;
  /** At most this many URLs are taken into the crawl (fetched, or recorded as refused); null: no cap. */
  maxPages?: number | null;
  /** Links more hops than this from a seed are recorded but not followed; null: no cap. */
  maxDepth?: number | null;
  /**
   * URL patterns a followed URL must match (any of them), when any are given. A pattern is a
   * regular expression when written `/.../flags` or `re:...`, else a glob over the whole URL in
   * which `*` matches any run of characters (slashes included) and nothing else is special.
   */
  include?: readonly string[];
  /** URL patterns (same syntax) that a followed URL must not match. */
  exclude?: readonly string[];
  /** Requests in flight in all. */
  concurrency?: number;
  /** Requests in flight to one host. */
  perHost?: number;
  /** Least gap between request starts to one host (a robots.txt Crawl-delay can raise it). */
  delayMs?: number;
  userAgent?: string;
  /** `host=ip[:port]` rules, wildcards allowed (`*.test=127.0.0.2:8080`). */
  resolve?: readonly string[];
  /** Allow loopback, private and other non-public addresses (off: the SSRF guard refuses them). */
  allowPrivate?: boolean;
  /** Seed the frontier from the sitemaps that each crawled host's robots.txt lists. */
  sitemaps?: boolean;
  /** Whole-request timeout, redirects included; also caps the connect, headers and body-idle timeouts. */
  timeoutMs?: number;
  /** Cap on a decoded body; the page is cut there, recorded with TOO_LARGE, and its first part parsed. */
  maxBytes?: number;
  /** Attempts of a URL that fails in a retryable way (5xx, 429, timeout, reset), the first included. */
  maxAttempts?: number;
  /** First backoff before a retry, doubled each time (with jitter) unless Retry-After says otherwise. */
  retryBaseDelayMs?: number;
  /** Start a new job even if an unfinished one has the same key. */
  fresh?: boolean;
  /** Commit after this many recorded pages... */
  flushPages?: number;
  /** ...or this long after the last commit, whichever comes first. */
  flushIntervalMs?: number;
  /**
   * DuckDB memory for the crawl's own work (e.g. '256MB', or 'auto': a quarter of the machine, at
   * most 96 MB). The crawl sets DuckDB's `memory_limit` to this plus what the store's indexes
   * need (about 72 bytes a link, page and frontier URL), raised as they grow, and puts the old
   * limit back when it ends. null leaves the store's limit alone (DuckDB's default: 80% of RAM).
   */
  storeMemory?: string | null;
}

export const CRAWL_DEFAULTS = {
  scope: 'host',
  maxPages: null,
  maxDepth: null,
  include: [],
  exclude: [],
  concurrency: 16,
  perHost: 2,
  delayMs: 1000,
  userAgent: DEFAULT_USER_AGENT,
  resolve: [],
  allowPrivate: false,
  sitemaps: false,
  timeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxAttempts: 3,
  retryBaseDelayMs: 2_000,
  fresh: false,
  flushPages: 500,
  flushIntervalMs: 1_000,
  storeMemory: 'auto',
} satisfies Required<Omit<CrawlOptions, 'seeds'>>;

export type ResolvedCrawlOptions = Required<CrawlOptions>;

/** Merge defaults once, at the entry. */
export function resolveCrawlOptions(options: CrawlOptions): ResolvedCrawlOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as CrawlOptions;
  return { ...CRAWL_DEFAULTS, ...defined };
}
