/**
 * `distributedCrawl()`: a crawl whose frontier lives in Redis, fetched by any number of workers
 * (`vouch worker crawl`), with this process as the owner of the store.
 *
 * The owner publishes the job (its politeness goes into every shard), seeds the frontier, and
 * then drains results into the store (takeResults): the only process that admits new URLs and
 * the only one that writes the store, so DuckDB keeps one owner. It fetches too, unless
 * `fetch: false`. The job is done when no shard holds a queued, leased, retrying or unread URL.
 * Running the same crawl again resumes it: the Redis frontier and the store both keep their state.
 */
import { hostname } from 'node:os';
import { CriticalError, ValidationError, toVouchError } from '../../core/errors.js';
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import { ClickHouseStore, DuckDbStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { crawlJobKey, crawlJobParams } from '../crawler/crawl-job-key.js';
import { resolveCrawlOptions } from '../crawler/crawl-options.js';
import type { CrawlOptions } from '../crawler/crawl-options.js';
import { crawlSummary } from '../crawler/crawl-summary.js';
import { validateCrawlOptions } from '../crawler/crawl.js';
import type { CrawlHooks } from '../crawler/crawl.js';
import { Admission } from '../crawler/internal/admission.js';
import type { CrawlProgress, CrawlResult } from '../crawler/types.js';
import type { DiscoveredUrl } from '../frontier/types.js';
import { DuckDbFrontier } from '../frontier/duckdb-frontier.js';
import { finishJob, openJob } from '../frontier/open-job.js';
import { connectFrontier } from './connect-frontier.js';
import type { FrontierClient } from './connect-frontier.js';
import { clickHouseFrontierCounts, clickHouseOwnerSink } from './clickhouse-owner-sink.js';
import { duckDbSink } from './crawl-sinks.js';
import type { CrawlSink } from './take-results.js';
import { runCrawlWorker } from './crawl-worker.js';
import type { CrawlWorkerStats } from './crawl-worker.js';
import { RedisFrontier } from './redis-frontier.js';
import type { DistributedJobConfig } from './redis-frontier.js';
import { takeResults } from './take-results.js';

export interface DistributedCrawlOptions extends CrawlOptions {
  /** The frontier: redis://, rediss://, redis+sentinel:// or redis+cluster:// (see parseFrontierUrl). */
  frontier: string;
  /** This process fetches too (false: it only seeds, drains and watches). */
  fetch?: boolean;
  /** Shards of the frontier (hosts spread over them; each is one Cluster slot). */
  shards?: number;
  /** A lease not completed by then returns to the frontier; null: 2 × timeout + 30 s. */
  leaseMs?: number | null;
  /** See DistributedJobConfig.slackMs (only added to non-zero gaps); null: half the delay, 10 to 100 ms (50 ms with no delay: then only Crawl-delays pay it). */
  slackMs?: number | null;
  /** Replicas that must acknowledge reservations and pushes; null: 1 when the master has a replica. */
  waitReplicas?: number | null;
  /** Give up when the frontier stays unreachable this long. */
  outageMs?: number;
}

export const DISTRIBUTED_CRAWL_DEFAULTS = { fetch: true, shards: 8, leaseMs: null, slackMs: null, waitReplicas: null, outageMs: 60_000 } satisfies Required<Omit<DistributedCrawlOptions, keyof CrawlOptions | 'frontier'>>;

const READ_BATCH = 500;
/** How soon the job of an owner that died can be taken over. */
const OWNER_TTL_MS = 5_000;
const IDLE_WAIT_MS = 50;
const PROGRESS_EVERY_MS = 250;

/**
 * Crawl from `options.seeds` through the Redis frontier `options.frontier` into the store.
 * @example
 * const result = await distributedCrawl(store, { seeds: ['https://example.com/'], frontier: 'redis://127.0.0.1:6379' });
 * @throws ValidationError for bad seeds, options or frontier URL; CriticalError FRONTIER_UNAVAILABLE when Redis does not answer, STORE_FAILED when the store fails.
 */
export async function distributedCrawl(store: Store, options: DistributedCrawlOptions, hooks: CrawlHooks = {}): Promise<CrawlResult> {
  if (!(store instanceof DuckDbStore) && !(store instanceof ClickHouseStore)) throw new CriticalError('STORE_UNSUPPORTED', `a distributed crawl cannot own a ${store.dialect} store`);
  const { frontier: url, fetch, shards, leaseMs, slackMs, waitReplicas, outageMs, ...crawlOptions } = { ...DISTRIBUTED_CRAWL_DEFAULTS, ...stripUndefined(options) };
  const o = resolveCrawlOptions(crawlOptions);
  validateCrawlOptions(o);
  if (o.sitemaps) throw new ValidationError('--sitemaps is not supported with --frontier yet', [{ where: '--sitemaps', message: 'not with --frontier' }], { code: 'INVALID_CONFIG' });
  if (!Number.isInteger(shards) || shards < 1 || shards > 1024) throw new ValidationError('shards must be 1 to 1024', [{ where: 'shards', message: String(shards) }], { code: 'INVALID_CONFIG' });
  const seeds = o.seeds.map((seed) => {
    const c = tryCanonicalizeUrlWithHost(seed);
    if (c === null) throw new ValidationError(`seed ${JSON.stringify(seed.slice(0, 200))} is not an http(s) URL`, [{ where: 'seed', message: seed.slice(0, 200) }], { code: 'INVALID_URL' });
    return c;
  });
  const client = await connectFrontier(url, { clientName: 'vouch-owner' });
  let local: { controller: AbortController; done: Promise<CrawlWorkerStats>; client: FrontierClient } | null = null;
  let releaseOwnership: (() => Promise<void>) | null = null;
  try {
    const params = { ...crawlJobParams(o, seeds.map((s) => s.url)), frontier: 'redis' };
    const jobKey = crawlJobKey(params);
    // One owner a job: a second one would split the results between two stores.
    const release = await RedisFrontier.claimOwnership(client, jobKey, `${hostname()}-${process.pid}`, OWNER_TTL_MS);
    if (release === null) throw new CriticalError('CONFLICT', `another \`vouch crawl\` owns ${jobKey} on ${url}; run workers with \`vouch worker crawl\` instead, or stop it first`);
    releaseOwnership = release;
    const { job, resumed } = await openJob(store, { kind: 'crawl', jobKey, params, fresh: o.fresh });
    hooks.onStart?.({ jobId: job.id, jobKey, resumed });
    try {
      const config: DistributedJobConfig = {
        jobKey, shards, perHost: o.perHost, delayMs: o.delayMs,
        slackMs: slackMs ?? (o.delayMs === 0 ? 50 : Math.min(100, Math.max(10, Math.round(o.delayMs / 2)))),
        leaseMs: leaseMs ?? 2 * o.timeoutMs + 30_000,
        waitReplicas: waitReplicas ?? (await replicasOf(client)),
        waitTimeoutMs: 2_000,
        userAgent: o.userAgent, maxBytes: o.maxBytes, timeoutMs: o.timeoutMs, maxAttempts: o.maxAttempts, retryBaseDelayMs: o.retryBaseDelayMs,
      };
      const frontier = await RedisFrontier.create(client, config);
      // The job's record of fetched URLs: DuckDB's frontier table, or its ClickHouse twin.
      const duck = store instanceof DuckDbStore ? await DuckDbFrontier.open(store, job.id) : null;
      const startCounts = duck !== null ? await duck.counts() : await clickHouseFrontierCounts(store as ClickHouseStore, job.id);
      const admission = new Admission(await frontier.seenUrls(), seeds, o);
      for (const seed of widenedSeeds(job.progress)) {
        const c = tryCanonicalizeUrlWithHost(seed);
        if (c !== null) admission.widen(c.url, c.host);
      }
      const seeded: DiscoveredUrl[] = [];
      for (const s of seeds) admission.admitSeed(s.url, s.host, seeded);
      await frontier.push(seeded);

      if (fetch) {
        const controller = new AbortController();
        const workerClient = await connectFrontier(url, { clientName: 'vouch-owner-worker' });
        const joined = await RedisFrontier.join(workerClient, jobKey, `owner-worker-${process.pid}`);
        local = { controller, client: workerClient, done: runCrawlWorker(joined!, { concurrency: o.concurrency, resolve: o.resolve, allowPrivate: o.allowPrivate, signal: controller.signal }) };
      }

      const startedMs = performance.now();
      let pagesThisRun = 0;
      let errorsThisRun = 0;
      let leased = 0;
      const snapshot = (): CrawlProgress & { scopeSeeds: readonly string[] } => {
        const elapsedMs = performance.now() - startedMs;
        const pages = startCounts.done + startCounts.failed + pagesThisRun;
        return {
          jobId: job.id, pages, errors: startCounts.failed + errorsThisRun, queued: Math.max(0, admission.admitted - pages), inFlight: leased,
          pagesThisRun, elapsedMs, pagesPerSecond: elapsedMs > 0 ? (pagesThisRun * 1000) / elapsedMs : 0, scopeSeeds: admission.widened,
        };
      };
      const sink: CrawlSink = duck !== null ? duckDbSink(duck, snapshot) : clickHouseOwnerSink(store as ClickHouseStore, job.id, snapshot);
      const consumer = 'owner';
      let state: 'done' | 'interrupted' = 'interrupted';
      let failingSinceMs: number | null = null;
      let progressAtMs = 0;
      for (;;) {
        // Results not taken yet stay in the streams for the next run.
        if (hooks.signal?.aborted === true) break;
        if (performance.now() - progressAtMs >= PROGRESS_EVERY_MS) {
          progressAtMs = performance.now();
          hooks.onProgress?.(snapshot());
        }
        try {
          const results = await frontier.readResults(consumer, READ_BATCH);
          if (results.length > 0) {
            let taken: Awaited<ReturnType<typeof takeResults>>;
            try {
              taken = await takeResults(frontier, admission, sink, results, outageMs);
            } catch (err) {
              if (isFrontierError(err)) throw err;
              throw new CriticalError('STORE_FAILED', `crawl job ${job.id}: the store failed: ${toVouchError(err).message}`, { cause: err });
            }
            pagesThisRun += taken.pages;
            errorsThisRun += taken.errors;
            failingSinceMs = null;
            continue;
          }
          const totals = await frontier.totals();
          failingSinceMs = null;
          leased = totals.leased;
          if (totals.queued + totals.leased + totals.retrying + totals.out === 0) {
            state = 'done';
            break;
          }
          await new Promise((r) => setTimeout(r, IDLE_WAIT_MS));
        } catch (err) {
          if (err instanceof CriticalError) throw err;
          // The frontier failing over: its commands fail for a few seconds, then work again.
          failingSinceMs ??= performance.now();
          if (performance.now() - failingSinceMs > outageMs) throw new CriticalError('FRONTIER_UNAVAILABLE', `the frontier ${url} has not answered for ${Math.round(outageMs / 1000)} s: ${toVouchError(err).message}`, { cause: err });
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await frontier.setState(state);
      if (local !== null) {
        local.controller.abort();
        await local.done;
      }
      if (state === 'done') await frontier.drop();
      hooks.onProgress?.(snapshot());
      const elapsedMs = performance.now() - startedMs;
      const summary = await crawlSummary(store, job.id);
      const pagesPerSecond = elapsedMs > 0 ? (pagesThisRun * 1000) / elapsedMs : 0;
      await finishJob(store, job.id, state, { progress: { pages: summary.pages, queued: summary.queued, pagesPerSecond, scopeSeeds: admission.widened } });
      return { jobId: job.id, jobKey, resumed, state, pagesThisRun, elapsedMs, pagesPerSecond, summary };
    } catch (err) {
      // Resumable like a local crawl: the frontier and the results it holds are kept.
      await finishJob(store, job.id, 'failed', { error: `[${toVouchError(err).code}] ${toVouchError(err).message}` }).catch(() => undefined);
      throw err;
    }
  } finally {
    if (local !== null) {
      local.controller.abort();
      await local.done.catch(() => undefined);
      local.client.disconnect();
    }
    await releaseOwnership?.();
    client.disconnect();
  }
}

/** Replicas the master reports (INFO replication); 0 on a Cluster (its durability is its own). */
async function replicasOf(client: FrontierClient): Promise<number> {
  if (client.isCluster) return 0;
  const info = await client.info('replication');
  const m = /connected_slaves:(\d+)/.exec(info);
  return m !== null && Number(m[1]) > 0 ? 1 : 0;
}

function isFrontierError(err: unknown): boolean {
  const name = (err as Error | null)?.name ?? '';
  const message = (err as Error | null)?.message ?? '';
  return name === 'ReplyError' || name === 'MaxRetriesPerRequestError' || /WAIT|Connection|ECONNREFUSED|ECONNRESET|READONLY|LOADING|MASTERDOWN|CLUSTERDOWN/.test(message);
}

function widenedSeeds(progress: unknown): string[] {
  const seeds = (progress as { scopeSeeds?: unknown } | null)?.scopeSeeds;
  return Array.isArray(seeds) ? seeds.filter((s): s is string => typeof s === 'string') : [];
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
