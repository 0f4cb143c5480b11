/**
 * One run of a crawl job: the loop that claims URLs from the frontier, starts requests as
 * politeness allows, records what comes back, and commits in batches.
 *
 * Two kinds of actor share the work:
 * - the control loop (`run`) is the only one that talks to DuckDB: it claims batches of due URLs
 *   into per-host queues and commits what the tasks recorded (group commit: a commit gathers
 *   whatever finished while the previous one ran);
 * - tasks (robots.txt, sitemap, page) run concurrently; each holds one politeness slot, only
 *   touches memory, and on its end calls `pump()` to start the next requests at once, so fetching
 *   never waits for a commit.
 * Memory is bounded: per-host queues by the claim sizes, the pending batch by back-pressure
 * (no new request while three commits' worth wait), and the dedupe set by the job's frontier.
 *
 * NOTE: over 400 lines on purpose: the loop, the pump and the task bookkeeping share one set of
 * counters (buffered, in flight, pending, exhausted) whose invariants are easier to check in one
 * place. Everything without that state lives beside it: fetch-page, page-outcome, robots-refusal,
 * sitemap-feeder, admission, host-work.
 */
import { tryCanonicalizeUrlWithHost } from '../../../core/canonicalize-url.js';
import { toVouchError } from '../../../core/errors.js';
import type { RetryableError } from '../../../core/errors.js';
import { retryDelayMs } from '../../fetch/retry.js';
import type { Fetcher } from '../../fetch/create-fetcher.js';
import type { FetchResult, RedirectHop } from '../../fetch/types.js';
import { commitCrawlBatch } from '../../frontier/commit-crawl-batch.js';
import type { DuckDbFrontier } from '../../frontier/duckdb-frontier.js';
import type { FrontierCounts, FrontierEntry } from '../../frontier/types.js';
import type { RobotsPolicy } from '../../robots/robots-policy.js';
import type { PolitenessScheduler } from '../../schedule/politeness-scheduler.js';
import type { ResolvedCrawlOptions } from '../crawl-options.js';
import type { CrawlProgress } from '../types.js';
import type { Admission } from './admission.js';
import { HostWork, originOf } from './host-work.js';
import type { SitemapTask } from './host-work.js';
import { PendingBatch } from './pending-batch.js';
import { fetchPage } from './fetch-page.js';
import { errorOutcome, redirectOutcome, responseOutcome } from './page-outcome.js';
import { loadRobots, robotsRefusal } from './robots-refusal.js';
import type { PageOutcome } from './page-outcome.js';
import { SitemapFeeder } from './sitemap-feeder.js';
import type { StoreMemoryBudget } from './store-memory-budget.js';
import { WakeSignal } from './wake-signal.js';

export interface CrawlRunDeps {
  frontier: DuckDbFrontier;
  fetcher: Fetcher;
  robots: RobotsPolicy;
  scheduler: PolitenessScheduler;
  admission: Admission;
  options: ResolvedCrawlOptions;
  /** Frontier counts when the run began (for whole-job progress). */
  startCounts: FrontierCounts;
  /** The crawl's DuckDB memory limit, raised as commits add indexed rows; null: left alone. */
  memory?: StoreMemoryBudget | null;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: CrawlProgress) => void) | undefined;
}

type Task = { kind: 'robots'; origin: string } | { kind: 'sitemap'; sitemap: SitemapTask } | { kind: 'page'; entry: FrontierEntry };

/** Hops a redirect chain may take through the frontier before TOO_MANY_REDIRECTS. */
const MAX_REDIRECT_CHAIN = 10;
const PROGRESS_EVERY_MS = 250;
/** How soon to claim again after a claim that skipped full hosts found nothing else. */
const CLAIM_RETRY_MS = 250;
/** How long a stopped crawl waits for its requests in flight. */
const STOP_GRACE_MS = 3_000;

export class CrawlRun {
  readonly #d: CrawlRunDeps;
  readonly #o: ResolvedCrawlOptions;
  readonly #hosts = new Map<string, HostWork>();
  /** Hosts with work, in round-robin order (a host moves to the back when it starts a task). */
  readonly #active = new Set<HostWork>();
  #pending = new PendingBatch();
  readonly #wake = new WakeSignal();
  /** Redirect chains (URLs so far) of redirect targets not fetched yet. */
  readonly #chains = new Map<string, string[]>();
  #buffered = 0;
  #inFlight = 0;
  readonly #sitemaps: SitemapFeeder;
  #stopping = false;
  /** Set once the last commit ran: late tasks of an abandoned stop record nothing. */
  #closed = false;
  /** The last claim found nothing due: claim again only after a commit adds or requeues URLs. */
  #dbExhausted = false;
  #claimRetryAtMs = 0;
  #timer: NodeJS.Timeout | null = null;
  #timerAtMs = Infinity;
  #lastFlushMs = 0;
  #lastProgressMs = 0;
  #startedMs = 0;
  #pagesThisRun = 0;
  #errorsThisRun = 0;
  #fatal: unknown = null;
  /** Requests still in flight when the run returned (a stop that did not wait for them). */
  #abandoned = 0;
  readonly #claimLimit: number;
  readonly #perHostClaim: number;
  readonly #lowWater: number;
  readonly #agent: string;

  constructor(deps: CrawlRunDeps) {
    this.#d = deps;
    this.#o = deps.options;
    this.#claimLimit = Math.max(256, this.#o.concurrency * 8);
    this.#perHostClaim = Math.max(16, this.#o.perHost * 8);
    this.#lowWater = Math.max(64, this.#o.concurrency * 4);
    this.#agent = deps.robots.agent;
    this.#sitemaps = new SitemapFeeder(
      deps.fetcher,
      (url, host) => deps.admission.admit(url, host, 0, this.#pending.discovered),
      (host, task) => {
        const hw = this.#host(host);
        hw.sitemaps.push(task);
        this.#active.add(hw);
      },
    );
  }

  /** Seeds go in with the first commit (they may already be held when resuming). */
  addSeeds(seeds: readonly { url: string; host: string }[]): void {
    for (const s of seeds) this.#d.admission.admitSeed(s.url, s.host, this.#pending.discovered);
  }

  /**
   * Crawl until the frontier runs out (`done`) or the signal aborts (`interrupted`): no request
   * starts after the abort; those in flight get STOP_GRACE_MS to end and be recorded, and any
   * still running then stay claimed in the frontier, so the next run fetches them again.
   */
  async run(): Promise<{ state: 'done' | 'interrupted'; pagesThisRun: number; elapsedMs: number; abandoned: number }> {
    this.#startedMs = performance.now();
    this.#lastFlushMs = this.#startedMs;
    const onAbort = (): void => this.#stop();
    this.#d.signal?.addEventListener('abort', onAbort, { once: true });
    if (this.#d.signal?.aborted) this.#stop();
    let finished = false;
    try {
      finished = await this.#loop();
    } catch (err) {
      this.#fatal ??= err;
      this.#stop();
    } finally {
      this.#d.signal?.removeEventListener('abort', onAbort);
      if (this.#timer !== null) clearTimeout(this.#timer);
    }
    // Requests in flight when stopped are recorded if they end within the grace period; the
    // others stay claimed in the frontier and the next run fetches them again.
    const graceEndMs = performance.now() + STOP_GRACE_MS;
    while (this.#inFlight > 0 && (finished || performance.now() < graceEndMs)) await this.#wake.wait(100);
    this.#abandoned = this.#inFlight;
    if (this.#fatal !== null) throw this.#fatal;
    this.#closed = true;
    await this.#flush(true);
    this.#progress(true);
    return { state: finished ? 'done' : 'interrupted', pagesThisRun: this.#pagesThisRun, elapsedMs: performance.now() - this.#startedMs, abandoned: this.#abandoned };
  }

  async #loop(): Promise<boolean> {
    for (;;) {
      if (this.#stopping) return false;
      this.#pump();
      this.#progress(false);
      const now = performance.now();
      if (this.#needsFlush(now)) {
        await this.#flush();
        continue;
      }
      if (this.#buffered < this.#lowWater && !this.#dbExhausted && now >= this.#claimRetryAtMs) {
        await this.#claim();
        continue;
      }
      if (this.#inFlight === 0 && this.#buffered === 0 && this.#sitemaps.pending === 0) {
        if (!this.#pending.isEmpty()) {
          await this.#flush();
          continue;
        }
        const due = await this.#d.frontier.nextDueAt();
        if (due === null) return true;
        const waitMs = due.getTime() - Date.now();
        if (waitMs > 0) await this.#wake.wait(waitMs);
        // Nothing is buffered, so no host is skipped: claim at once.
        this.#dbExhausted = false;
        this.#claimRetryAtMs = 0;
        continue;
      }
      await this.#wake.wait(this.#o.flushIntervalMs);
    }
  }

  #stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#wake.notify();
  }

  #needsFlush(now: number): boolean {
    const p = this.#pending;
    if (p.isEmpty()) return false;
    if (p.pages.length >= this.#o.flushPages || now - this.#lastFlushMs >= this.#o.flushIntervalMs) return true;
    // Starving: the URLs that would keep the requests going are still in memory.
    return p.discovered.length > 0 && this.#buffered < this.#lowWater && this.#dbExhausted;
  }

  async #flush(final = false): Promise<void> {
    if (this.#pending.isEmpty() || (this.#closed && !final)) return;
    const batch = this.#pending.take();
    const requeued = batch.settled.some((s) => s.state === 'queued');
    const result = await commitCrawlBatch(this.#d.frontier, { ...batch, progress: this.#snapshot() });
    await this.#d.memory?.grow(result.newLinks + result.added + batch.pages.length);
    if (result.added > 0 || requeued) this.#dbExhausted = false;
    this.#lastFlushMs = performance.now();
    this.#pump();
  }

  async #claim(): Promise<void> {
    const skipHosts: string[] = [];
    for (const hw of this.#active) if (hw.size >= this.#perHostClaim) skipHosts.push(hw.host);
    const entries = await this.#d.frontier.claim({ limit: this.#claimLimit, perHost: this.#perHostClaim, skipHosts });
    if (entries.length === 0) {
      // With hosts skipped, their queued URLs are still there: ask again once those drain a little.
      if (skipHosts.length === 0) this.#dbExhausted = true;
      else this.#claimRetryAtMs = performance.now() + CLAIM_RETRY_MS;
      return;
    }
    for (const entry of entries) {
      const hw = this.#host(entry.host);
      hw.push(entry);
      this.#active.add(hw);
      this.#buffered++;
    }
    this.#pump();
  }

  #host(host: string): HostWork {
    let hw = this.#hosts.get(host);
    if (hw === undefined) this.#hosts.set(host, (hw = new HostWork(host)));
    return hw;
  }

  /** Start as many tasks as politeness and concurrency allow, one per host in turn. */
  #pump(): void {
    if (this.#stopping) return;
    const scheduler = this.#d.scheduler;
    const now = performance.now();
    let soonestMs = Infinity;
    for (const hw of this.#active) {
      if (this.#inFlight >= this.#o.concurrency || this.#pending.pages.length >= this.#o.flushPages * 3) break;
      if (!hw.hasWork()) {
        this.#active.delete(hw);
        continue;
      }
      if (hw.blockedUntilMs > now) {
        soonestMs = Math.min(soonestMs, hw.blockedUntilMs - now);
        continue;
      }
      const waitMs = scheduler.waitMs(hw.host, now);
      if (waitMs === Infinity) continue;
      if (waitMs > 0) {
        soonestMs = Math.min(soonestMs, waitMs);
        continue;
      }
      const task = this.#nextTask(hw);
      if (task === null) {
        if (!hw.hasWork()) this.#active.delete(hw);
        continue;
      }
      scheduler.tryAcquire(hw.host, now);
      this.#inFlight++;
      // Round robin: the host goes to the back (a Set visits re-added members again, later).
      this.#active.delete(hw);
      this.#active.add(hw);
      void this.#runTask(hw, task);
    }
    if (soonestMs !== Infinity) this.#armTimer(soonestMs);
  }

  #armTimer(delayMs: number): void {
    const at = performance.now() + delayMs;
    if (this.#timer !== null && this.#timerAtMs <= at) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timerAtMs = at;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#timerAtMs = Infinity;
      this.#pump();
      this.#wake.notify();
    }, Math.max(1, Math.ceil(delayMs)));
  }

  /** The next request of a host, settling on the way the URLs its robots.txt refuses. */
  #nextTask(hw: HostWork): Task | null {
    const sitemap = hw.sitemaps[0];
    if (sitemap !== undefined) {
      const origin = originOf(sitemap.url);
      if (!this.#robotsKnown(hw, origin)) return this.#robotsTask(hw, origin);
      hw.sitemaps.shift();
      return { kind: 'sitemap', sitemap };
    }
    for (let entry = hw.peek(); entry !== undefined; entry = hw.peek()) {
      const origin = originOf(entry.url);
      if (!this.#robotsKnown(hw, origin)) return this.#robotsTask(hw, origin);
      hw.shift();
      this.#buffered--;
      const refusal = robotsRefusal(hw.robots.get(origin)!, this.#agent, entry.url);
      if (refusal === null) return { kind: 'page', entry };
      this.#record(entry, errorOutcome(entry, refusal, new Date()), entry.attempts);
    }
    return null;
  }

  #robotsKnown(hw: HostWork, origin: string): boolean {
    const entry = hw.robots.get(origin);
    return entry !== undefined && entry.expiresAt > Date.now();
  }

  #robotsTask(hw: HostWork, origin: string): Task | null {
    if (hw.robotsLoading.has(origin)) return null;
    hw.robotsLoading.add(origin);
    return { kind: 'robots', origin };
  }

  async #runTask(hw: HostWork, task: Task): Promise<void> {
    try {
      if (task.kind === 'robots') await this.#robotsTaskRun(hw, task.origin);
      else if (task.kind === 'sitemap') await this.#sitemaps.read(task.sitemap);
      else await this.#pageTaskRun(hw, task.entry);
    } catch (err) {
      // A bug must not stop the crawl.
      if (task.kind === 'page') this.#record(task.entry, errorOutcome(task.entry, toVouchError(err).code, new Date()), task.entry.attempts + 1);
    } finally {
      this.#d.scheduler.release(hw.host);
      this.#inFlight--;
      this.#pump();
      this.#wake.notify();
    }
  }

  async #robotsTaskRun(hw: HostWork, origin: string): Promise<void> {
    const entry = await loadRobots(this.#d.robots, origin);
    hw.robotsLoading.delete(origin);
    hw.robots.set(origin, entry);
    this.#d.scheduler.setCrawlDelay(hw.host, entry.crawlDelayMs === null ? null : entry.crawlDelayMs / 1000);
    if (this.#o.sitemaps && !hw.sitemapsQueued.has(origin)) {
      hw.sitemapsQueued.add(origin);
      for (const url of entry.sitemaps) this.#sitemaps.add(url);
    }
  }

  async #pageTaskRun(hw: HostWork, entry: FrontierEntry): Promise<void> {
    const fetchedAt = new Date();
    const result = await fetchPage(this.#d.fetcher, entry.url);
    if (result.kind === 'response') this.#record(entry, responseOutcome(entry, result.response, fetchedAt), entry.attempts + 1);
    else if (result.kind === 'redirect') this.#onRedirect(entry, result.hop, result.selfLoop, fetchedAt);
    else if (result.kind === 'retryable') this.#retryOrRecord(hw, entry, result.error, fetchedAt, result.response);
    else this.#record(entry, errorOutcome(entry, result.code, fetchedAt), entry.attempts + 1);
  }

  /**
   * A redirect is a page with one `redirect` link. Its target is followed one hop deeper, unless
   * the chain (kept in memory while it lasts) comes back on itself or runs past MAX_REDIRECT_CHAIN.
   */
  #onRedirect(entry: FrontierEntry, hop: RedirectHop, selfLoop: boolean, fetchedAt: Date): void {
    const chain = this.#chains.get(entry.url) ?? [];
    this.#chains.delete(entry.url);
    const next = tryCanonicalizeUrlWithHost(hop.nextUrl);
    const path = [...chain, entry.url];
    let error: string | null = null;
    if (selfLoop || (next !== null && path.includes(next.url))) error = 'REDIRECT_LOOP';
    else if (path.length > MAX_REDIRECT_CHAIN) error = 'TOO_MANY_REDIRECTS';
    const outcome = redirectOutcome(entry, hop, fetchedAt, error);
    const admission = this.#d.admission;
    if (error === null && next !== null && admission.isScopeSeed(entry.url)) {
      admission.widen(next.url, next.host);
      admission.admitSeed(next.url, next.host, this.#pending.discovered, entry.depth + 1);
    }
    this.#record(entry, outcome, entry.attempts + 1);
    if (error === null && next !== null && admission.known.has(next.url) && outcome.follow.length > 0) this.#chains.set(next.url, path);
  }

  /** Put a retryable failure back in the frontier for later, or record it once attempts run out. */
  #retryOrRecord(hw: HostWork, entry: FrontierEntry, err: RetryableError, fetchedAt: Date, response?: FetchResult): void {
    const attempts = entry.attempts + 1;
    if (err.retryAfterMs !== null) hw.blockedUntilMs = Math.max(hw.blockedUntilMs, performance.now() + Math.min(err.retryAfterMs, 120_000));
    const delayMs = retryDelayMs(attempts, err, { maxAttempts: this.#o.maxAttempts, baseDelayMs: this.#o.retryBaseDelayMs });
    if (delayMs === null) {
      this.#record(entry, errorOutcome(entry, err.code, fetchedAt, response), attempts);
      return;
    }
    if (!this.#closed) this.#pending.settled.push({ url: entry.url, state: 'queued', attempts, lastError: err.code, nextFetchAt: new Date(Date.now() + delayMs) });
  }

  #record(entry: FrontierEntry, outcome: PageOutcome, attempts: number): void {
    if (this.#closed) return;
    const p = this.#pending;
    const error = outcome.page.error;
    p.pages.push(outcome.page);
    for (const link of outcome.links) p.links.push(link);
    p.settled.push({ url: entry.url, state: error === null ? 'done' : 'failed', attempts, lastError: error, nextFetchAt: null });
    const depth = entry.depth + 1;
    for (const f of outcome.follow) this.#d.admission.admit(f.url, f.host, depth, p.discovered);
    this.#pagesThisRun++;
    if (error !== null) this.#errorsThisRun++;
  }

  #snapshot(): CrawlProgress & { scopeSeeds: readonly string[] } {
    const start = this.#d.startCounts;
    const elapsedMs = performance.now() - this.#startedMs;
    const pages = start.done + start.failed + this.#pagesThisRun;
    return {
      jobId: this.#d.frontier.jobId,
      pages,
      errors: start.failed + this.#errorsThisRun,
      queued: Math.max(0, this.#d.admission.admitted - pages),
      inFlight: this.#inFlight,
      pagesThisRun: this.#pagesThisRun,
      elapsedMs,
      pagesPerSecond: elapsedMs > 0 ? (this.#pagesThisRun * 1000) / elapsedMs : 0,
      scopeSeeds: this.#d.admission.widened,
    };
  }

  #progress(force: boolean): void {
    const onProgress = this.#d.onProgress;
    if (onProgress === undefined) return;
    const now = performance.now();
    if (!force && now - this.#lastProgressMs < PROGRESS_EVERY_MS) return;
    this.#lastProgressMs = now;
    onProgress(this.#snapshot());
  }
}
