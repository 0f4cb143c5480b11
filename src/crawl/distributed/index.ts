// The distributed crawl: a Redis frontier shared by worker processes, politeness in Lua on the server's clock
export { parseFrontierUrl } from './frontier-url.js';
export type { FrontierTarget, FrontierAddress } from './frontier-url.js';
export { connectFrontier, CONNECT_FRONTIER_DEFAULTS } from './connect-frontier.js';
export type { FrontierClient, ConnectFrontierOptions } from './connect-frontier.js';
export { shardOf, shardPrefix, jobKeyOf, JOBS_KEY } from './frontier-keys.js';
export { RedisFrontier } from './redis-frontier.js';
export type { DistributedJobConfig, DistributedJobState, LeasedUrl, FrontierPush, FrontierTotals, StreamResult } from './redis-frontier.js';
export { encodeResult, decodeResult } from './result-codec.js';
export type { CrawlResultEntry, FollowedUrl } from './result-codec.js';
export { runCrawlWorker, CRAWL_WORKER_DEFAULTS } from './crawl-worker.js';
export type { CrawlWorkerOptions, CrawlWorkerStats } from './crawl-worker.js';
export { takeResults } from './take-results.js';
export type { CrawlSink, TakeResultsOutcome } from './take-results.js';
export { duckDbSink, storeSink } from './crawl-sinks.js';
export { distributedCrawl, DISTRIBUTED_CRAWL_DEFAULTS } from './distributed-crawl.js';
export type { DistributedCrawlOptions } from './distributed-crawl.js';
export { workCrawlJobs } from './work-crawl-jobs.js';
export type { WorkCrawlJobsOptions } from './work-crawl-jobs.js';
