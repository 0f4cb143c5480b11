import { Cluster, Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { CriticalError } from '../../core/errors.js';
import { parseFrontierUrl } from './frontier-url.js';
import type { FrontierTarget } from './frontier-url.js';

/** A connection to the frontier's Redis: one server (possibly behind Sentinel) or a Cluster. */
export type FrontierClient = Redis | Cluster;

export interface ConnectFrontierOptions {
  /** How long the first connection may take before the start fails. */
  connectTimeoutMs?: number;
  /** CLIENT SETNAME, to tell workers apart in CLIENT LIST. */
  clientName?: string;
}

export const CONNECT_FRONTIER_DEFAULTS = { connectTimeoutMs: 5_000, clientName: 'vouch' } satisfies Required<ConnectFrontierOptions>;

/** Reconnect quickly while a master fails over, and keep trying: a worker outlives a failover. */
const retryStrategy = (attempt: number): number => Math.min(50 * attempt, 500);

/**
 * Connect to the frontier named by a `--frontier` URL, and check it answers.
 * NOTE: after the first connection, commands wait (offline queue) and reconnect through a
 * failover; only the start is bounded, so that a wrong address or a stopped server is an error, not a hang.
 * @example const redis = await connectFrontier('redis://127.0.0.1:6379');
 * @throws ValidationError (INVALID_CONFIG) for a bad URL; CriticalError (FRONTIER_UNAVAILABLE) when it does not answer in time.
 */
export async function connectFrontier(url: string, options: ConnectFrontierOptions = {}): Promise<FrontierClient> {
  const o = { ...CONNECT_FRONTIER_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const target = parseFrontierUrl(url);
  const client = createClient(target, o);
  const seen: { error: Error | null } = { error: null };
  client.on('error', (err: Error) => {
    seen.error = err;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${o.connectTimeoutMs} ms`)), o.connectTimeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (err) {
    client.disconnect();
    const why = seen.error?.message ?? (err as Error).message;
    throw new CriticalError('FRONTIER_UNAVAILABLE', `cannot reach the frontier ${target.display}: ${why}`, { cause: seen.error ?? err });
  } finally {
    clearTimeout(timer);
  }
  return client;
}

function createClient(t: FrontierTarget, o: Required<ConnectFrontierOptions>): FrontierClient {
  const common: RedisOptions = {
    lazyConnect: true,
    connectTimeout: o.connectTimeoutMs,
    connectionName: o.clientName,
    maxRetriesPerRequest: 40,
    retryStrategy,
    ...(t.username !== null ? { username: t.username } : {}),
    ...(t.password !== null ? { password: t.password } : {}),
    ...(t.tls ? { tls: {} } : {}),
  };
  if (t.kind === 'cluster') {
    return new Cluster(t.nodes, { lazyConnect: true, clusterRetryStrategy: retryStrategy, redisOptions: common, slotsRefreshTimeout: o.connectTimeoutMs });
  }
  if (t.kind === 'sentinel') {
    return new Redis({ ...common, db: t.db, sentinels: t.nodes, name: t.masterName!, sentinelRetryStrategy: retryStrategy, failoverDetector: true });
  }
  return new Redis({ ...common, host: t.nodes[0]!.host, port: t.nodes[0]!.port, db: t.db });
}
