// robots.txt (RFC 9309, Google's reference semantics) and the per-origin policy
export {
  parseRobotsTxt,
  matchRobots,
  isAllowedByRobots,
  robotsCrawlDelaySeconds,
  robotsPathOf,
  robotsPatternMatches,
  escapeRobotsPattern,
  robotsProductToken,
  isValidRobotsAgent,
  RobotsPolicy,
  ROBOTS_POLICY_DEFAULTS,
  checkRobots,
} from './robots/index.js';
export type {
  RobotsPolicyOptions,
  RobotsEntry,
  RobotsDecision,
  RobotsState,
  CheckRobotsInput,
  CheckRobotsResult,
  CheckRobotsUrl,
  RobotsTxt,
  RobotsDirective,
  RobotsDirectiveKind,
  RobotsMatch,
} from './robots/index.js';
// HTTP fetcher
export {
  createFetcher,
  FETCHER_DEFAULTS,
  DEFAULT_USER_AGENT,
  parseResolveRules,
  findResolveRule,
  addressBlockReason,
  isPublicAddress,
  SsrfBlockedError,
  RedirectError,
  HttpStatusError,
  hopsOf,
  withRetry,
  retryDelayMs,
  throwIfRetryableStatus,
  RETRY_DEFAULTS,
  parseRetryAfter,
  isHtml,
} from './fetch/index.js';
export type {
  Fetcher,
  ResolvedFetcherOptions,
  ResolveRule,
  AddressBlockReason,
  RetryOptions,
  FetcherOptions,
  FetchRequestOptions,
  FetchResult,
  FetchTimings,
  RedirectHop,
  LookupFn,
} from './fetch/index.js';
// politeness
export { PolitenessScheduler, POLITENESS_DEFAULTS } from './schedule/index.js';
export { createPoliteFetching } from './create-polite-fetching.js';
export type { PoliteFetching, PoliteFetchingOptions } from './create-polite-fetching.js';
export type { PolitenessOptions, NextSlot } from './schedule/index.js';
// crawl engine: jobs and frontier in DuckDB, the crawl loop
export { DuckDbFrontier, commitCrawlBatch, openJob, updateJobProgress, finishJob } from './frontier/index.js';
export type { ClaimOptions, CrawlBatch, CommitResult, JobRow, JobState, OpenJobOptions, OpenedJob, FrontierState, FrontierEntry, DiscoveredUrl, SettledEntry, FrontierCounts } from './frontier/index.js';
export { crawl, validateCrawlOptions, CRAWL_DEFAULTS, resolveCrawlOptions, crawlJobKey, crawlJobParams, crawlSummary, compileUrlPattern, createScopeFilter, parseScopeList } from './crawler/index.js';
export type { CrawlHooks, CrawlOptions, CrawlScope, ResolvedCrawlOptions, ScopeFilter, CrawlProgress, CrawlResult, CrawlSummary } from './crawler/index.js';
