export { DuckDbFrontier } from './duckdb-frontier.js';
export type { ClaimOptions } from './duckdb-frontier.js';
export { commitCrawlBatch } from './commit-crawl-batch.js';
export type { CrawlBatch, CommitResult } from './commit-crawl-batch.js';
export { openJob, updateJobProgress, finishJob } from './open-job.js';
export type { JobRow, JobState, OpenJobOptions, OpenedJob } from './open-job.js';
export type { FrontierState, FrontierEntry, DiscoveredUrl, SettledEntry, FrontierCounts } from './types.js';
