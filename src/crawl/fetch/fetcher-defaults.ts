import type { FetcherOptions } from './types.js';

/** The crawler's User-Agent: a name and a URL to learn about it, as well-behaved crawlers send. */
export const DEFAULT_USER_AGENT = 'Vouch/0.1 (+https://github.com/vouch-seo/vouch)';

/** Every fetcher default, in one place. */
export const FETCHER_DEFAULTS = {
  userAgent: DEFAULT_USER_AGENT,
  resolve: [],
  lookup: null,
  allowPrivate: false,
  allowAddresses: [],
  maxRedirects: 10,
  maxBytes: 5 * 1024 * 1024,
  maxUrlLength: 8192,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  keepAliveTimeoutMs: 4_000,
  dnsCacheTtlMs: 60_000,
  dnsCacheMaxEntries: 10_000,
  tlsCa: null,
  headers: {},
} satisfies Required<FetcherOptions>;
