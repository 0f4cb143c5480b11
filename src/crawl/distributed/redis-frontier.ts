/**
 * The shared crawl frontier of one job in Redis: many worker processes lease URLs from it, and
 * per-host politeness (leases per host, gap between request starts, Crawl-delay, Retry-After) is
 * checked and reserved atomically by Lua scripts on the server's clock (internal/frontier-scripts.ts).
 *
 * Durability through a failover: with `waitReplicas` > 0, a reservation (claim, start) and the
 * store owner's push of new URLs are used only once every online replica (at least
 * `waitReplicas`) holds them (WAIT). A reservation a replica did not confirm is not used: its URL stays leased and comes back when
 * the lease expires. So a promoted replica never lets a request start closer than the gap to one
 * already started, and it holds every URL the old master had confirmed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FrontierEntry } from '../frontier/types.js';
import type { FrontierClient } from './connect-frontier.js';
import { JOBS_KEY, jobKeyOf, shardOf, shardPrefix } from './frontier-keys.js';
import { CLAIM, COMPLETE, COUNTS, CRAWL_DELAY, PUSH, RESERVE, RETRY, SENT, START } from './internal/frontier-scripts.js';

/** The settings every process working a job shares; the store owner writes them once. */
export interface DistributedJobConfig {
  jobKey: string;
  shards: number;
  /** Leases (requests in flight) per host, over all workers. */
  perHost: number;
  /** Least gap between request starts to one host, over all workers. */
  delayMs: number;
  /**
   * Added to every non-zero gap: the time a worker may take from its reservation to the request
   * leaving (a worker later than this reserves again), so that the server sees at least the gap.
   */
  slackMs: number;
  /** A lease not completed by then goes back to the frontier. */
  leaseMs: number;
  /** Replicas that must acknowledge a reservation or a push (WAIT) before it is used. */
  waitReplicas: number;
  waitTimeoutMs: number;
  userAgent: string;
  maxBytes: number;
  timeoutMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
}

export type DistributedJobState = 'running' | 'done' | 'interrupted';

/** A URL leased to a worker. */
export interface LeasedUrl extends FrontierEntry {
  shard: number;
  token: string;
  /** The redirect chain that led here (URLs before it). */
  chain: string[];
  /** performance.now() just before the request start was reserved (the server reserved it later). */
  reservedAtMs: number;
}

/** A URL to add (the store owner has decided it belongs to the crawl). */
export interface FrontierPush {
  url: string;
  host: string;
  depth: number;
  chain?: readonly string[];
}

export interface FrontierTotals {
  queued: number;
  leased: number;
  retrying: number;
  done: number;
  failed: number;
  seen: number;
  reclaimed: number;
  /** Results not yet taken into the store. */
  out: number;
}

/** One result read from a shard's stream. */
export interface StreamResult {
  shard: number;
  id: string;
  payload: string;
}

const GROUP = 'sink';
const OWNER_REFRESH = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const OWNER_RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const PUSH_CHUNK = 500;

class Script {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
}

const SCRIPTS = { push: new Script(PUSH), claim: new Script(CLAIM), start: new Script(START), complete: new Script(COMPLETE), retry: new Script(RETRY), reserve: new Script(RESERVE), sent: new Script(SENT), crawlDelay: new Script(CRAWL_DELAY), counts: new Script(COUNTS) };

export class RedisFrontier {
  readonly client: FrontierClient;
  readonly config: DistributedJobConfig;
  readonly workerId: string;
  readonly #prefixes: string[];
  #nextShard = 0;

  private constructor(client: FrontierClient, config: DistributedJobConfig, workerId: string) {
    this.client = client;
    this.config = config;
    this.workerId = workerId;
    this.#prefixes = Array.from({ length: config.shards }, (_, n) => shardPrefix(config.jobKey, n));
  }

  /**
   * Publish a job (or take over its existing config when it is resumed): its politeness into
   * every shard, its consumer groups, and its key in the registry that workers watch.
   */
  static async create(client: FrontierClient, config: DistributedJobConfig): Promise<RedisFrontier> {
    const frontier = new RedisFrontier(client, config, `owner-${randomBytes(4).toString('hex')}`);
    for (const p of frontier.#prefixes) {
      await client.hset(p + 'conf', { perHost: config.perHost, delay: config.delayMs, slack: config.slackMs, lease: config.leaseMs });
      try {
        await client.xgroup('CREATE', p + 'out', GROUP, '0', 'MKSTREAM');
      } catch (err) {
        if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
      }
    }
    await client.hset(jobKeyOf(config.jobKey), { config: JSON.stringify(config), state: 'running' });
    await client.sadd(JOBS_KEY, config.jobKey);
    await frontier.#durable();
    return frontier;
  }

  /**
   * Become the job's one store owner: a key only this process refreshes (every third of `ttlMs`).
   * A dead owner's key expires within `ttlMs`, so a new owner waits that long at most.
   * @returns a release function, or null when another live owner holds the job.
   */
  static async claimOwnership(client: FrontierClient, jobKey: string, ownerId: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const key = jobKeyOf(jobKey) + ':owner';
    const deadline = performance.now() + ttlMs + 1_000;
    while ((await client.set(key, ownerId, 'PX', ttlMs, 'NX')) === null) {
      if (performance.now() > deadline) return null;
      await new Promise((r) => setTimeout(r, 250));
    }
    const refresh = setInterval(() => {
      void client.eval(OWNER_REFRESH, 1, key, ownerId, String(ttlMs)).catch(() => undefined);
    }, Math.max(100, Math.floor(ttlMs / 3)));
    refresh.unref();
    return async () => {
      clearInterval(refresh);
      await client.eval(OWNER_RELEASE, 1, key, ownerId).catch(() => undefined);
    };
  }

  /** Join a published job as a worker; null when it is unknown. */
  static async join(client: FrontierClient, jobKey: string, workerId: string): Promise<RedisFrontier | null> {
    const raw = await client.hget(jobKeyOf(jobKey), 'config');
    if (raw === null) return null;
    return new RedisFrontier(client, JSON.parse(raw) as DistributedJobConfig, workerId);
  }

  /** Job keys of the jobs now running. */
  static async runningJobs(client: FrontierClient): Promise<string[]> {
    return (await client.smembers(JOBS_KEY)).sort();
  }

  async state(): Promise<DistributedJobState | null> {
    return (await this.client.hget(jobKeyOf(this.config.jobKey), 'state')) as DistributedJobState | null;
  }

  /** Mark the job; a finished or interrupted one leaves the registry, and workers stop leasing. */
  async setState(state: DistributedJobState): Promise<void> {
    await this.client.hset(jobKeyOf(this.config.jobKey), 'state', state);
    if (state === 'running') await this.client.sadd(JOBS_KEY, this.config.jobKey);
    else await this.client.srem(JOBS_KEY, this.config.jobKey);
  }

  shardOf(host: string): number {
    return shardOf(host, this.config.shards);
  }

  /** Add URLs the frontier has not seen; durable (WAIT) before it returns. Returns how many were new. */
  async push(urls: readonly FrontierPush[]): Promise<number> {
    if (urls.length === 0) return 0;
    const byShard = new Map<number, string[]>();
    for (const u of urls) {
      const shard = this.shardOf(u.host);
      let args = byShard.get(shard);
      if (args === undefined) byShard.set(shard, (args = []));
      const meta: { h: string; d: number; a: number; c?: readonly string[] } = { h: u.host, d: u.depth, a: 0 };
      if (u.chain !== undefined && u.chain.length > 0) meta.c = u.chain;
      args.push(u.url, u.host, String(u.depth), JSON.stringify(meta));
    }
    const calls: Promise<unknown>[] = [];
    for (const [shard, args] of byShard) {
      for (let i = 0; i < args.length; i += PUSH_CHUNK * 4) calls.push(this.#eval(SCRIPTS.push, shard, args.slice(i, i + PUSH_CHUNK * 4)));
    }
    const added = (await Promise.all(calls)).reduce<number>((n, r) => n + Number(r), 0);
    if (!(await this.#durable())) throw new Error(`WAIT: fewer than ${this.config.waitReplicas} replicas acknowledged the push`);
    return added;
  }

  /**
   * Lease up to `limit` URLs whose hosts may start a request now, trying shards in turn. Each
   * lease carries a reserved request start: start the request at once.
   * @returns the leases, and (when none) how soon to ask again (ms), or -1 when no shard holds work.
   */
  async claim(limit: number): Promise<{ leases: LeasedUrl[]; waitMs: number }> {
    const leases: LeasedUrl[] = [];
    let waitMs = -1;
    const shards = this.config.shards;
    const first = this.#nextShard;
    this.#nextShard = (first + 1) % shards;
    for (let i = 0; i < shards && leases.length < limit; i++) {
      const shard = (first + i) % shards;
      // NOTE: the reservation is made on the server after this instant; the worker's slack is counted from here.
      const askedAtMs = performance.now();
      const reply = (await this.#eval(SCRIPTS.claim, shard, [String(limit - leases.length), this.workerId])) as (string | number)[];
      if (reply.length === 1) {
        const w = Number(reply[0]);
        if (w >= 0 && (waitMs < 0 || w < waitMs)) waitMs = w;
        continue;
      }
      const got: LeasedUrl[] = [];
      for (let j = 1; j + 2 < reply.length; j += 3) {
        const meta = JSON.parse(String(reply[j + 1])) as { h: string; d: number; a: number; c?: string[] | Record<string, never> };
        got.push({ url: String(reply[j]), host: meta.h, depth: meta.d, attempts: meta.a, chain: Array.isArray(meta.c) ? meta.c : [], shard, token: String(reply[j + 2]), reservedAtMs: 0 });
      }
      // An unconfirmed reservation is not used: its URLs come back when their leases expire.
      if (!(await this.#durable())) continue;
      for (const lease of got) {
        lease.reservedAtMs = askedAtMs;
        leases.push(lease);
      }
    }
    return { leases, waitMs: leases.length > 0 ? 0 : waitMs };
  }

  /** Reserve another request start under a lease: 0 = go now, n = ask again in n ms, -1 = the lease is lost. */
  async start(lease: LeasedUrl): Promise<number> {
    const askedAtMs = performance.now();
    const r = Number(await this.#eval(SCRIPTS.start, lease.shard, [lease.url, lease.token]));
    if (r !== 0) return r;
    if (!(await this.#durable())) return Math.max(10, this.config.delayMs);
    lease.reservedAtMs = askedAtMs;
    return 0;
  }

  /**
   * Reserve a request start on any host, outside a lease (a redirect hop of robots.txt).
   * @returns 0 with the instant before asking (the reservation is later), or ms to wait.
   */
  async reserveHost(host: string): Promise<{ waitMs: number; askedAtMs: number }> {
    const askedAtMs = performance.now();
    const waitMs = Number(await this.#eval(SCRIPTS.reserve, this.shardOf(host), [host]));
    if (waitMs === 0 && !(await this.#durable())) return { waitMs: Math.max(10, this.config.delayMs), askedAtMs };
    return { waitMs, askedAtMs };
  }

  /** A request to `host` has just left (see SENT): the next start waits a whole gap from now. */
  async sent(host: string): Promise<void> {
    await this.#eval(SCRIPTS.sent, this.shardOf(host), [host]);
  }

  /** Release a lease and append its result, atomically. False when the lease was lost (drop the result). */
  async complete(lease: LeasedUrl, state: 'done' | 'failed', payload: string): Promise<boolean> {
    return Number(await this.#eval(SCRIPTS.complete, lease.shard, [lease.url, lease.token, state, payload])) === 1;
  }

  /** Put a leased URL back for another attempt in `retryInMs`; `holdMs` holds its whole host back (Retry-After). */
  async retry(lease: LeasedUrl, attempts: number, retryInMs: number, holdMs: number): Promise<boolean> {
    return Number(await this.#eval(SCRIPTS.retry, lease.shard, [lease.url, lease.token, String(attempts), String(Math.max(0, Math.round(retryInMs))), String(Math.max(0, Math.round(holdMs)))])) === 1;
  }

  /** Apply a host's robots.txt Crawl-delay (ms, capped by the caller) for every worker. */
  async setCrawlDelay(host: string, delayMs: number | null): Promise<void> {
    await this.#eval(SCRIPTS.crawlDelay, this.shardOf(host), [host, String(Math.round(delayMs ?? 0))]);
    await this.#durable();
  }

  async totals(): Promise<FrontierTotals> {
    const totals: FrontierTotals = { queued: 0, leased: 0, retrying: 0, done: 0, failed: 0, seen: 0, reclaimed: 0, out: 0 };
    const replies = await Promise.all(this.#prefixes.map((_, shard) => this.#eval(SCRIPTS.counts, shard, []) as Promise<string[]>));
    for (const flat of replies) {
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const k = flat[i] as keyof FrontierTotals;
        if (k in totals) totals[k] += Number(flat[i + 1]);
      }
    }
    return totals;
  }

  /**
   * Read results for the store owner: first those it read before and did not acknowledge (a
   * crash, a failover), then new ones.
   */
  async readResults(consumer: string, count: number): Promise<StreamResult[]> {
    const out: StreamResult[] = [];
    for (let shard = 0; shard < this.config.shards && out.length < count; shard++) {
      const key = this.#prefixes[shard]! + 'out';
      for (const from of ['0', '>']) {
        const reply = (await this.client.xreadgroup('GROUP', GROUP, consumer, 'COUNT', count - out.length, 'STREAMS', key, from)) as [string, [string, string[]][]][] | null;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) if (fields !== null && fields.length >= 2) out.push({ shard, id, payload: fields[1]! });
        }
        if (out.length >= count) break;
      }
    }
    return out;
  }

  /** Acknowledge stored results and delete them from their streams. */
  async ack(results: readonly StreamResult[]): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const r of results) {
      const ids = byShard.get(r.shard) ?? [];
      ids.push(r.id);
      byShard.set(r.shard, ids);
    }
    await Promise.all(
      [...byShard].map(async ([shard, ids]) => {
        const key = this.#prefixes[shard]! + 'out';
        await this.client.xack(key, GROUP, ...ids);
        await this.client.xdel(key, ...ids);
      }),
    );
  }

  /** Every URL the job's frontier has seen (the store owner's dedupe set when it resumes). */
  async seenUrls(): Promise<Set<string>> {
    const seen = new Set<string>();
    for (const p of this.#prefixes) {
      let cursor = '0';
      do {
        const [next, urls] = await this.client.sscan(p + 'seen', cursor, 'COUNT', 1000);
        for (const u of urls) seen.add(u);
        cursor = next;
      } while (cursor !== '0');
    }
    return seen;
  }

  /** Remove a finished job's shards (its store holds everything); the job hash expires in a day. */
  async drop(): Promise<void> {
    const names = ['conf', 'seen', 'meta', 'ready', 'active', 'last', 'cdelay', 'block', 'leases', 'lease', 'retry', 'out', 'stats'];
    for (const p of this.#prefixes) await this.client.unlink(...names.map((n) => p + n));
    await this.client.srem(JOBS_KEY, this.config.jobKey);
    await this.client.expire(jobKeyOf(this.config.jobKey), 86_400);
  }

  async #eval(script: Script, shard: number, args: readonly string[]): Promise<unknown> {
    const key = this.#prefixes[shard]! + 'conf';
    const argv = [this.#prefixes[shard]!, ...args];
    try {
      return await this.client.evalsha(script.sha, 1, key, ...argv);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return this.client.eval(script.source, 1, key, ...argv);
    }
  }

  /**
   * Wait until every online replica (and at least `waitReplicas`) holds this connection's writes;
   * true when they do (or none is asked for). Every replica, not just one: Sentinel may promote
   * any of them (it ranks them by offsets it read up to a second before), so a write one replica
   * lacks could be lost.
   */
  async #durable(): Promise<boolean> {
    const n = this.config.waitReplicas;
    // NOTE: WAIT counts one connection's writes; a Cluster client spreads them over nodes, so on a
    // Cluster durability is the cluster's own (see docs/distributed-crawl.md).
    if (n <= 0 || this.client.isCluster) return true;
    const want = Math.max(n, await this.#onlineReplicas());
    const acked = await this.client.wait(want, this.config.waitTimeoutMs);
    if (acked < want) this.#replicasAtMs = -Infinity;
    return acked >= want;
  }

  #replicas = 0;
  #replicasAtMs = -Infinity;

  /** Replicas the master reports online, read at most once a second. */
  async #onlineReplicas(): Promise<number> {
    if (performance.now() - this.#replicasAtMs < 1_000) return this.#replicas;
    const info = await this.client.info('replication');
    this.#replicas = (info.match(/^slave\d+:.*state=online/gm) ?? []).length;
    this.#replicasAtMs = performance.now();
    return this.#replicas;
  }
}
