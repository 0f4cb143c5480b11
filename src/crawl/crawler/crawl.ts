/**
 * `crawl()`: crawl from seed URLs into the store, resumably.
 *
 * A crawl is a job (the `jobs` table) with a persistent frontier (the `frontier` table). The job
 * key is a hash of what the crawl collects (see crawlJobParams), so running the same crawl again
 * after a kill, a crash or Ctrl-C resumes it: URLs a dead run had claimed go back to the queue,
 * and what was committed is kept. Running it again after it finished starts a new job (a recrawl).
 */
import { CriticalError, ValidationError, toVouchError } from '../../core/errors.js';
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import type { DuckDbStore } from '../../store/index.js';
import { createPoliteFetching } from '../create-polite-fetching.js';
import { DuckDbFrontier } from '../frontier/duckdb-frontier.js';
import { finishJob, openJob } from '../frontier/open-job.js';
import type { JobRow } from '../frontier/open-job.js';
import { compileUrlPattern } from './compile-url-pattern.js';
import { crawlJobKey, crawlJobParams } from './crawl-job-key.js';
import { resolveCrawlOptions } from './crawl-options.js';
import type { CrawlOptions, ResolvedCrawlOptions } from './crawl-options.js';
import { crawlSummary } from './crawl-summary.js';
import { Admission } from './internal/admission.js';
import { CrawlRun } from './internal/crawl-run.js';
import { defaultStoreWorkingBytes, parseStoreMemory, StoreMemoryBudget } from './internal/store-memory-budget.js';
import type { CrawlProgress, CrawlResult } from './types.js';

export interface CrawlHooks {
  /** Stops the crawl cleanly: the job is left `interrupted` and the next run resumes it. */
  signal?: AbortSignal;
  /** Called a few times a second while the crawl runs. */
  onProgress?: (progress: CrawlProgress) => void;
  /** Called once the job is open, before the first request. */
  onStart?: (info: { jobId: number; jobKey: string; resumed: boolean }) => void;
}

/**
 * Crawl from `options.seeds` into the store and return what the job holds.
 * @example
 * const store = await openStore({ dataDir: 'vouch-data' });
 * const result = await crawl(store, { seeds: ['https://example.com/'], scope: 'host', maxPages: 500 });
 * console.log(result.summary.pagesByStatus);
 * @throws ValidationError for bad seeds or options; CriticalError when the store fails (the job is left `failed`, resumable).
 */
export async function crawl(store: DuckDbStore, options: CrawlOptions, hooks: CrawlHooks = {}): Promise<CrawlResult> {
  const o = resolveCrawlOptions(options);
  validateCrawlOptions(o);
  const seeds = o.seeds.map((seed) => {
    const c = tryCanonicalizeUrlWithHost(seed);
    if (c === null) throw new ValidationError(`seed ${JSON.stringify(seed.slice(0, 200))} is not an http(s) URL`, [{ where: 'seed', message: seed.slice(0, 200) }], { code: 'INVALID_URL' });
    return c;
  });
  const params = crawlJobParams(o, seeds.map((s) => s.url));
  const jobKey = crawlJobKey(params);

  const { job, resumed } = await openJob(store, { kind: 'crawl', jobKey, params, fresh: o.fresh });
  const memory = o.storeMemory === null ? null : await StoreMemoryBudget.open(store, o.storeMemory === 'auto' ? defaultStoreWorkingBytes() : parseStoreMemory(o.storeMemory)!);
  try {
    return await crawlJob(store, o, seeds, { job, jobKey, resumed, memory }, hooks);
  } finally {
    await memory?.restore().catch(() => undefined);
  }
}

async function crawlJob(
  store: DuckDbStore,
  o: ResolvedCrawlOptions,
  seeds: readonly { url: string; host: string }[],
  { job, jobKey, resumed, memory }: { job: JobRow; jobKey: string; resumed: boolean; memory: StoreMemoryBudget | null },
  hooks: CrawlHooks,
): Promise<CrawlResult> {
  hooks.onStart?.({ jobId: job.id, jobKey, resumed });
  const frontier = await DuckDbFrontier.open(store, job.id);
  const admission = new Admission(await frontier.knownUrls(), seeds, o);
  for (const url of widenedSeeds(job.progress)) {
    const c = tryCanonicalizeUrlWithHost(url);
    if (c !== null) admission.widen(c.url, c.host);
  }
  const { fetcher, robots, scheduler } = createPoliteFetching(o);
  const run = new CrawlRun({
    frontier,
    fetcher,
    robots,
    scheduler,
    admission,
    options: o,
    startCounts: await frontier.counts(),
    memory,
    signal: hooks.signal,
    onProgress: hooks.onProgress,
  });
  run.addSeeds(seeds);
  let outcome: Awaited<ReturnType<CrawlRun['run']>>;
  try {
    outcome = await run.run();
  } catch (err) {
    void fetcher.close().catch(() => undefined);
    const e = toVouchError(err);
    await finishJob(store, job.id, 'failed', { error: `[${e.code}] ${e.message}` }).catch(() => undefined);
    throw err instanceof CriticalError ? err : new CriticalError(e.code === 'INTERNAL' ? 'STORE_FAILED' : e.code, `crawl job ${job.id} failed: ${e.message}`, { cause: err });
  }
  // Closing waits for requests in flight, which a stop may have left behind: do not wait for those.
  if (outcome.abandoned > 0) void fetcher.close().catch(() => undefined);
  else await fetcher.close();
  const summary = await crawlSummary(store, job.id);
  const pagesPerSecond = outcome.elapsedMs > 0 ? (outcome.pagesThisRun * 1000) / outcome.elapsedMs : 0;
  await finishJob(store, job.id, outcome.state, { progress: { pages: summary.pages, queued: summary.queued, pagesPerSecond, scopeSeeds: admission.widened } });
  return { jobId: job.id, jobKey, resumed, state: outcome.state, pagesThisRun: outcome.pagesThisRun, elapsedMs: outcome.elapsedMs, pagesPerSecond, summary };
}

/** Seed redirect targets a previous run of the job widened its scope with (see Admission). */
function widenedSeeds(progress: unknown): string[] {
  const seeds = (progress as { scopeSeeds?: unknown } | null)?.scopeSeeds;
  return Array.isArray(seeds) ? seeds.filter((s): s is string => typeof s === 'string') : [];
}

/** Check the options a user can get wrong, naming the flag. @throws ValidationError */
export function validateCrawlOptions(o: ResolvedCrawlOptions): void {
  const issues: { where: string; message: string }[] = [];
  const positive = (value: number, where: string): void => {
    if (!Number.isInteger(value) || value < 1) issues.push({ where, message: 'must be a whole number of at least 1' });
  };
  if (o.seeds.length === 0) issues.push({ where: 'seed', message: 'give at least one seed URL' });
  positive(o.concurrency, '--concurrency');
  positive(o.perHost, '--per-host');
  positive(o.timeoutMs, '--timeout');
  positive(o.maxBytes, '--max-bytes');
  positive(o.maxAttempts, 'maxAttempts');
  positive(o.flushPages, 'flushPages');
  if (o.maxPages !== null) positive(o.maxPages, '--max-pages');
  if (o.maxDepth !== null && (!Number.isInteger(o.maxDepth) || o.maxDepth < 0)) issues.push({ where: '--max-depth', message: 'must be a whole number of at least 0' });
  if (!Number.isFinite(o.delayMs) || o.delayMs < 0) issues.push({ where: '--delay', message: 'must be 0 or more milliseconds' });
  if (o.storeMemory !== null && o.storeMemory !== 'auto' && parseStoreMemory(o.storeMemory) === null) issues.push({ where: '--store-memory', message: 'must be auto or a size such as 256MB' });
  if (issues.length > 0) throw new ValidationError(`invalid crawl options: ${issues.map((i) => `${i.where} ${i.message}`).join('; ')}`, issues, { code: 'INVALID_CONFIG' });
  for (const p of o.include) compileUrlPattern(p, '--include');
  for (const p of o.exclude) compileUrlPattern(p, '--exclude');
}
