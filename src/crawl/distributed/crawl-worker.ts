/**
 * A crawl worker: leases URLs from the shared Redis frontier, fetches them with the crawler's own
 * fetcher, robots.txt policy and page extraction, and hands each result back to the frontier in
 * the same atomic step that releases its lease. Any number of workers, on any machines, may work
 * one job; politeness is the frontier's (server clock), so it holds across all of them.
 *
 * A request leaves only on a fresh reservation: a lease comes with one (made by the claim); a
 * second request under it (the page after its host's robots.txt) reserves again, and so does a
 * request whose headers would leave more than half the job's slack after its reservation (the
 * dispatch guard stops it at the socket: see internal/dispatch-guard.ts).
 */
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import { toVouchError } from '../../core/errors.js';
import type { RetryableError } from '../../core/errors.js';
import { createPoliteFetching } from '../create-polite-fetching.js';
import { fetchPage } from '../crawler/internal/fetch-page.js';
import { originOf } from '../crawler/internal/host-work.js';
import { errorOutcome, redirectOutcome, responseOutcome } from '../crawler/internal/page-outcome.js';
import type { PageOutcome } from '../crawler/internal/page-outcome.js';
import { loadRobots, robotsRefusal } from '../crawler/internal/robots-refusal.js';
import { WakeSignal } from '../crawler/internal/wake-signal.js';
import type { Fetcher } from '../fetch/create-fetcher.js';
import type { FetchResult, RedirectHop } from '../fetch/types.js';
import { retryDelayMs } from '../fetch/retry.js';
import { RobotsPolicy } from '../robots/robots-policy.js';
import type { RobotsEntry } from '../robots/robots-policy.js';
import type { LeasedUrl, RedisFrontier } from './redis-frontier.js';
import { DispatchGuard, STALE } from './internal/dispatch-guard.js';
import { politeRobotsFetcher } from './internal/polite-robots-fetcher.js';
import { warmUpHttp } from './internal/warm-up-http.js';
import { encodeResult } from './result-codec.js';

export interface CrawlWorkerOptions {
  /** Requests in flight from this worker. */
  concurrency?: number;
  /** `host=ip[:port]` rules of this machine (see --resolve). */
  resolve?: readonly string[];
  /** Allow non-public addresses; a worker's own choice, never the job's. */
  allowPrivate?: boolean;
  signal?: AbortSignal;
  onProgress?: (stats: CrawlWorkerStats) => void;
}

export const CRAWL_WORKER_DEFAULTS = { concurrency: 16, resolve: [], allowPrivate: false } satisfies Required<Omit<CrawlWorkerOptions, 'signal' | 'onProgress'>>;

export interface CrawlWorkerStats {
  workerId: string;
  /** URLs recorded (fetched, or refused) by this worker. */
  pages: number;
  /** URLs put back for a retry. */
  retries: number;
  /** Results dropped because their lease had expired and gone to another worker. */
  lost: number;
  /** Requests started (robots.txt included). */
  requests: number;
  /** Requests stopped before they left because their reservation had gone stale, and reserved again. */
  staleStarts: number;
  /** Frontier calls that failed (a failover, an outage) and were tried again. */
  frontierErrors: number;
  elapsedMs: number;
}

/** Hops a redirect chain may take before TOO_MANY_REDIRECTS (as in the single-process crawl). */
const MAX_REDIRECT_CHAIN = 10;
const STATE_EVERY_MS = 500;
const STOP_GRACE_MS = 3_000;
const MAX_IDLE_WAIT_MS = 200;

/**
 * Work a job until it is no longer running (done or interrupted) or the signal aborts.
 * @example const stats = await runCrawlWorker(await RedisFrontier.join(client, jobKey, 'w1'), { concurrency: 8 });
 */
export async function runCrawlWorker(frontier: RedisFrontier, options: CrawlWorkerOptions = {}): Promise<CrawlWorkerStats> {
  return new WorkerRun(frontier, options).run();
}

class WorkerRun {
  readonly #f: RedisFrontier;
  readonly #o: CrawlWorkerOptions & typeof CRAWL_WORKER_DEFAULTS;
  readonly #fetching: { fetcher: Fetcher; robots: RobotsPolicy };
  readonly #robots = new Map<string, RobotsEntry>();
  /** The lease whose reservation an origin's robots.txt request goes out on. */
  readonly #robotsLease = new Map<string, LeasedUrl>();
  readonly #guard: DispatchGuard;
  readonly #wake = new WakeSignal();
  readonly #stats: CrawlWorkerStats;
  #inFlight = 0;
  #stopping = false;
  readonly #halfSlackMs: number;
  /** Crawl-delays (ms) of hosts whose robots.txt this worker read. */
  readonly #crawlDelayMs = new Map<string, number>();

  constructor(frontier: RedisFrontier, options: CrawlWorkerOptions) {
    this.#f = frontier;
    this.#o = { ...CRAWL_WORKER_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
    const c = frontier.config;
    const { fetcher } = createPoliteFetching({
      userAgent: c.userAgent, resolve: this.#o.resolve, allowPrivate: this.#o.allowPrivate, maxBytes: c.maxBytes,
      timeoutMs: c.timeoutMs, perHost: c.perHost, delayMs: c.delayMs, concurrency: this.#o.concurrency,
    });
    this.#guard = new DispatchGuard((host) => {
      this.#stats.requests++;
      void this.#f.sent(host).catch(() => undefined);
    });
    // Politeness is the frontier's: the local scheduler goes unused, and robots.txt redirects reserve their hops.
    const robotsFetcher = politeRobotsFetcher(fetcher, this.#guard, (url, hop, again) => this.#reserveRobotsHop(url, hop, again));
    this.#fetching = { fetcher, robots: new RobotsPolicy(robotsFetcher, { userAgent: c.userAgent }) };
    this.#halfSlackMs = c.slackMs / 2;
    this.#stats = { workerId: frontier.workerId, pages: 0, retries: 0, lost: 0, requests: 0, staleStarts: 0, frontierErrors: 0, elapsedMs: 0 };
  }

  async run(): Promise<CrawlWorkerStats> {
    const startedMs = performance.now();
    const signal = this.#o.signal;
    const onAbort = (): void => {
      this.#stopping = true;
      this.#wake.notify();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) this.#stopping = true;
    let stateAtMs = -Infinity;
    await warmUpHttp();
    this.#guard.open();
    try {
      while (!this.#stopping) {
        const now = performance.now();
        if (now - stateAtMs >= STATE_EVERY_MS) {
          stateAtMs = now;
          const state = await this.#frontierCall(() => this.#f.state());
          if (state !== undefined && state !== 'running') break;
          this.#o.onProgress?.({ ...this.#stats, elapsedMs: now - startedMs });
        }
        const free = this.#o.concurrency - this.#inFlight;
        if (free <= 0) {
          await this.#wake.wait(MAX_IDLE_WAIT_MS);
          continue;
        }
        const claimed = await this.#frontierCall(() => this.#f.claim(free));
        if (claimed === undefined) continue;
        for (const lease of claimed.leases) {
          this.#inFlight++;
          void this.#task(lease);
        }
        if (claimed.leases.length === 0) await this.#wake.wait(Math.min(MAX_IDLE_WAIT_MS, Math.max(5, claimed.waitMs < 0 ? MAX_IDLE_WAIT_MS : claimed.waitMs)));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#stopping = true;
    }
    try {
      await this.#drain(signal);
    } finally {
      this.#guard.close();
    }
    return { ...this.#stats, elapsedMs: performance.now() - startedMs };
  }

  async #drain(signal: AbortSignal | undefined): Promise<void> {
    const graceEndMs = performance.now() + STOP_GRACE_MS;
    while (this.#inFlight > 0 && (signal?.aborted !== true || performance.now() < graceEndMs)) await this.#wake.wait(100);
    // Requests still running after a stop keep their leases; those expire and go to another worker.
    if (this.#inFlight > 0) void this.#fetching.fetcher.close().catch(() => undefined);
    else await this.#fetching.fetcher.close();
  }

  /** A frontier call that may fail while Redis fails over: undefined after a short pause. */
  async #frontierCall<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch {
      this.#stats.frontierErrors++;
      await this.#wake.wait(100);
      return undefined;
    }
  }

  async #task(lease: LeasedUrl): Promise<void> {
    try {
      const origin = originOf(lease.url);
      let robots = this.#robots.get(origin);
      let reservationUsed = false;
      if (robots === undefined || robots.expiresAt <= Date.now()) {
        // The lease's reservation goes to robots.txt; the page reserves again.
        if (!(await this.#reserve(lease, false))) return;
        const owner = !this.#robotsLease.has(origin);
        if (owner) this.#robotsLease.set(origin, lease);
        try {
          robots = await loadRobots(this.#fetching.robots, origin);
        } finally {
          if (owner) this.#robotsLease.delete(origin);
        }
        // Our own failure (the lease lost, the frontier gone), not the site's: keep no verdict; the lease expires.
        if (robots.errorCode === 'INTERNAL') return;
        this.#robots.set(origin, robots);
        reservationUsed = true;
        const crawlDelayMs = robots.crawlDelayMs;
        if (crawlDelayMs !== null) {
          this.#crawlDelayMs.set(lease.host, crawlDelayMs);
          await this.#retrying(async () => {
            await this.#f.setCrawlDelay(lease.host, crawlDelayMs);
            return true;
          });
        }
      }
      const refusal = robotsRefusal(robots, this.#fetching.robots.agent, lease.url);
      if (refusal !== null) return await this.#record(lease, errorOutcome(lease, refusal, new Date()), lease.attempts);
      let fetchedAt = new Date();
      let result: Awaited<ReturnType<typeof fetchPage>> | typeof STALE = STALE;
      for (let used = reservationUsed; result === STALE; used = true) {
        if (!(await this.#reserve(lease, used))) return;
        fetchedAt = new Date();
        result = await this.#guard.run(lease.url, lease.reservedAtMs, this.#freshMs(lease.host), () => fetchPage(this.#fetching.fetcher, lease.url));
        if (result === STALE) this.#stats.staleStarts++;
      }
      if (result.kind === 'response') await this.#record(lease, responseOutcome(lease, result.response, fetchedAt), lease.attempts + 1);
      else if (result.kind === 'redirect') await this.#record(lease, this.#redirect(lease, result.hop, result.selfLoop, fetchedAt), lease.attempts + 1);
      else if (result.kind === 'retryable') await this.#retryOrRecord(lease, result.error, fetchedAt, result.response);
      else await this.#record(lease, errorOutcome(lease, result.code, fetchedAt), lease.attempts + 1);
    } catch (err) {
      // A bug, or the frontier gone for good: record what we can; an unrecorded lease expires.
      await this.#record(lease, errorOutcome(lease, toVouchError(err).code, new Date()), lease.attempts + 1).catch(() => undefined);
    } finally {
      this.#inFlight--;
      this.#wake.notify();
    }
  }

  /** Make sure the lease holds a fresh reservation; false when the lease is lost or the worker stops. */
  async #reserve(lease: LeasedUrl, used: boolean): Promise<boolean> {
    if (!used && this.#fresh(lease)) return true;
    for (;;) {
      if (this.#stopping && this.#o.signal?.aborted === true) return false;
      let waitMs: number;
      try {
        waitMs = await this.#f.start(lease);
      } catch {
        this.#stats.frontierErrors++;
        waitMs = 100;
      }
      if (waitMs === 0) {
        if (this.#fresh(lease)) return true;
        waitMs = 1;
      }
      if (waitMs < 0) {
        this.#stats.lost++;
        return false;
      }
      await new Promise((r) => setTimeout(r, Math.min(waitMs, 1_000)));
    }
  }

  /**
   * How long a reservation on `host` stays good: half the slack, or for ever where the host has no
   * gap to keep (no --delay, no Crawl-delay known) or the job asked for no slack.
   */
  #freshMs(host: string): number {
    const gapMs = Math.max(this.#f.config.delayMs, this.#crawlDelayMs.get(host) ?? 0);
    return gapMs === 0 || this.#halfSlackMs === 0 ? Infinity : this.#halfSlackMs;
  }

  #fresh(lease: { reservedAtMs: number; host: string }): boolean {
    return performance.now() - lease.reservedAtMs <= this.#freshMs(lease.host);
  }

  /** The reservation a robots.txt request (or one of its redirect hops) goes out on; see ReserveHop. */
  async #reserveRobotsHop(url: string, hop: number, again: boolean): Promise<{ reservedAtMs: number; freshMs: number }> {
    const lease = hop === 0 ? this.#robotsLease.get(originOf(url)) : undefined;
    if (lease === undefined) {
      const host = tryCanonicalizeUrlWithHost(url)?.host ?? new URL(url).hostname;
      return { reservedAtMs: await this.#reserveHost(host), freshMs: this.#freshMs(host) };
    }
    if (again) {
      this.#stats.staleStarts++;
      if (!(await this.#reserve(lease, true))) throw new Error(`the lease of ${lease.url} was lost`);
    }
    return { reservedAtMs: lease.reservedAtMs, freshMs: this.#freshMs(lease.host) };
  }

  /** A fresh reservation on a host outside any lease (a robots.txt redirect hop), made at the returned instant; rides out a failover. */
  async #reserveHost(host: string): Promise<number> {
    for (let failures = 0; ; ) {
      let waitMs: number;
      try {
        const r = await this.#f.reserveHost(host);
        if (r.waitMs === 0 && this.#fresh({ reservedAtMs: r.askedAtMs, host })) return r.askedAtMs;
        waitMs = Math.max(1, r.waitMs);
      } catch (err) {
        this.#stats.frontierErrors++;
        if (++failures > 100) throw err;
        waitMs = 250;
      }
      await new Promise((r) => setTimeout(r, Math.min(waitMs, 1_000)));
    }
  }

  /** As the single-process crawl: a redirect is a page with one `redirect` link; loops and long chains end it. */
  #redirect(lease: LeasedUrl, hop: RedirectHop, selfLoop: boolean, fetchedAt: Date): PageOutcome {
    const next = tryCanonicalizeUrlWithHost(hop.nextUrl);
    const path = [...lease.chain, lease.url];
    let error: string | null = null;
    if (selfLoop || (next !== null && path.includes(next.url))) error = 'REDIRECT_LOOP';
    else if (path.length > MAX_REDIRECT_CHAIN) error = 'TOO_MANY_REDIRECTS';
    return redirectOutcome(lease, hop, fetchedAt, error);
  }

  async #retryOrRecord(lease: LeasedUrl, err: RetryableError, fetchedAt: Date, response?: FetchResult): Promise<void> {
    const attempts = lease.attempts + 1;
    const c = this.#f.config;
    const delayMs = retryDelayMs(attempts, err, { maxAttempts: c.maxAttempts, baseDelayMs: c.retryBaseDelayMs });
    if (delayMs === null) return this.#record(lease, errorOutcome(lease, err.code, fetchedAt, response), attempts);
    const holdMs = err.retryAfterMs === null ? 0 : Math.min(err.retryAfterMs, 120_000);
    if (await this.#retrying(() => this.#f.retry(lease, attempts, delayMs, holdMs))) this.#stats.retries++;
    else this.#stats.lost++;
  }

  async #record(lease: LeasedUrl, outcome: PageOutcome, attempts: number): Promise<void> {
    const payload = encodeResult({ page: outcome.page, links: outcome.links, follow: outcome.follow, chain: lease.chain, attempts });
    const state = outcome.page.error === null ? 'done' : 'failed';
    if (await this.#retrying(() => this.#f.complete(lease, state, payload))) this.#stats.pages++;
    else this.#stats.lost++;
  }

  /** A lease step, tried again through a short outage (a failover); false when it never went through. */
  async #retrying(fn: () => Promise<boolean>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        this.#stats.frontierErrors++;
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
}

