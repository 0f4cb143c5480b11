/**
 * Per-host politeness for the crawler: at most `perHost` requests in flight to one host, request
 * STARTS to one host at least `delayMs` apart (raised by a robots.txt Crawl-delay, capped at
 * `maxCrawlDelayMs`), and at most `globalConcurrency` in flight in all.
 *
 * Pure bookkeeping on a clock the caller may supply: the crawler loop asks `pickNext(hosts)`
 * which host may go and when, then `tryAcquire(host)` / `release(host)`. `acquire(host)` is the
 * waiting form for simple callers. Memory: one small record per host with work in the last delay.
 */
import { sleep } from '../internal/sleep.js';

export interface PolitenessOptions {
  /** Requests in flight to one host. */
  perHost?: number;
  /** Least gap between two request starts to one host. */
  delayMs?: number;
  /** Cap on a robots.txt Crawl-delay (a site asking for an hour between requests gets this). */
  maxCrawlDelayMs?: number;
  /** Requests in flight in all. */
  globalConcurrency?: number;
  /** Clock in milliseconds (monotonic); tests may drive it by hand. */
  now?: () => number;
}

export const POLITENESS_DEFAULTS = {
  perHost: 2,
  delayMs: 1_000,
  maxCrawlDelayMs: 30_000,
  globalConcurrency: 16,
  now: () => performance.now(),
} satisfies Required<PolitenessOptions>;

interface HostState {
  active: number;
  lastStartMs: number;
  /** Crawl-delay in ms when one was set, else null (then delayMs). */
  crawlDelayMs: number | null;
}

/** A host that may be fetched, and in how many ms (0 = now). */
export interface NextSlot {
  host: string;
  waitMs: number;
}

export class PolitenessScheduler {
  readonly options: Readonly<Required<PolitenessOptions>>;
  #hosts = new Map<string, HostState>();
  #active = 0;
  #releaseWaiters: (() => void)[] = [];

  constructor(options: PolitenessOptions = {}) {
    this.options = { ...POLITENESS_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  }

  /** Requests in flight in all. */
  get active(): number {
    return this.#active;
  }

  /** Requests in flight to one host. */
  activeFor(host: string): number {
    return this.#hosts.get(host)?.active ?? 0;
  }

  /** Apply a robots.txt Crawl-delay (seconds; null clears it). Never lowers the gap below delayMs. */
  setCrawlDelay(host: string, seconds: number | null): void {
    this.#state(host).crawlDelayMs = seconds === null ? null : Math.min(this.options.maxCrawlDelayMs, Math.max(0, seconds * 1000));
  }

  /** The gap enforced between request starts to `host`. */
  delayFor(host: string): number {
    const crawlDelayMs = this.#hosts.get(host)?.crawlDelayMs ?? null;
    return crawlDelayMs === null ? this.options.delayMs : Math.max(this.options.delayMs, crawlDelayMs);
  }

  /**
   * Milliseconds until `host` may start a request: 0 = now; Infinity = it is at `perHost` or
   * everything is at `globalConcurrency`, so only a release can open a slot.
   */
  waitMs(host: string, nowMs: number = this.options.now()): number {
    if (this.#active >= this.options.globalConcurrency) return Infinity;
    const state = this.#hosts.get(host);
    if (state === undefined) return 0;
    if (state.active >= this.options.perHost) return Infinity;
    return Math.max(0, state.lastStartMs + this.delayFor(host) - nowMs);
  }

  /** Of the hosts that have work, the one that may start soonest (ties: first given); null if none can until a release. */
  pickNext(hosts: Iterable<string>, nowMs: number = this.options.now()): NextSlot | null {
    let best: NextSlot | null = null;
    for (const host of hosts) {
      const waitMs = this.waitMs(host, nowMs);
      if (waitMs === 0) return { host, waitMs };
      if (waitMs !== Infinity && (best === null || waitMs < best.waitMs)) best = { host, waitMs };
    }
    return best;
  }

  /** Start a request to `host` now if politeness allows; true if started (call `release` when done). */
  tryAcquire(host: string, nowMs: number = this.options.now()): boolean {
    if (this.waitMs(host, nowMs) !== 0) return false;
    const state = this.#state(host);
    state.active++;
    state.lastStartMs = nowMs;
    this.#active++;
    return true;
  }

  /** A request to `host` ended (success or not). */
  release(host: string): void {
    const state = this.#hosts.get(host);
    if (state === undefined || state.active === 0) return;
    state.active--;
    this.#active--;
    const waiters = this.#releaseWaiters;
    this.#releaseWaiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Wait until `host` may start, start, and return the release function (idempotent).
   * @example const done = await scheduler.acquire('a.test'); try { await fetch(...) } finally { done(); }
   */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      const waitMs = this.waitMs(host);
      if (waitMs === 0 && this.tryAcquire(host)) {
        let released = false;
        return () => {
          if (!released) this.release(host);
          released = true;
        };
      }
      if (waitMs === Infinity) await this.#nextRelease(signal);
      else await sleep(waitMs, signal);
    }
  }

  /** Forget idle hosts whose delay has passed and that have no Crawl-delay; returns how many were dropped. */
  prune(nowMs: number = this.options.now()): number {
    let dropped = 0;
    for (const [host, state] of this.#hosts) {
      if (state.active === 0 && state.crawlDelayMs === null && nowMs - state.lastStartMs >= this.options.delayMs) {
        this.#hosts.delete(host);
        dropped++;
      }
    }
    return dropped;
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (state === undefined) this.#hosts.set(host, (state = { active: 0, lastStartMs: -Infinity, crawlDelayMs: null }));
    return state;
  }

  #nextRelease(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal!.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#releaseWaiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
