/**
 * The `--frontier` URL: where the shared crawl frontier lives.
 *
 * | form                                         | meaning                                        |
 * |----------------------------------------------|------------------------------------------------|
 * | `redis://[user:pass@]host:port[/db]`         | one Redis (or Valkey) server; `rediss://` for TLS |
 * | `redis+sentinel://host:port[,host:port]/name` | the master `name` that these Sentinels watch   |
 * | `redis+cluster://host:port[,host:port]`      | a Redis Cluster, reached through these nodes   |
 */
import { ValidationError } from '../../core/errors.js';

export interface FrontierAddress {
  host: string;
  port: number;
}

export interface FrontierTarget {
  kind: 'single' | 'sentinel' | 'cluster';
  nodes: FrontierAddress[];
  /** Sentinel master name. */
  masterName: string | null;
  db: number;
  username: string | null;
  password: string | null;
  tls: boolean;
  /** The URL as given, with any password masked, for messages. */
  display: string;
}

const SCHEMES = new Map<string, FrontierTarget['kind']>([
  ['redis:', 'single'],
  ['rediss:', 'single'],
  ['redis+sentinel:', 'sentinel'],
  ['redis+cluster:', 'cluster'],
]);

/**
 * Parse a `--frontier` URL.
 * @example parseFrontierUrl('redis+sentinel://127.0.0.1:26379/vouch') // { kind: 'sentinel', masterName: 'vouch', ... }
 * @throws ValidationError (INVALID_CONFIG) naming the URL and what is wrong with it.
 */
export function parseFrontierUrl(value: string): FrontierTarget {
  const display = value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@').slice(0, 300);
  const fail = (why: string): never => {
    throw new ValidationError(`--frontier ${JSON.stringify(display)}: ${why}`, [{ where: '--frontier', message: why }], { code: 'INVALID_CONFIG' });
  };
  const m = /^([a-z+]+:)\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]*)(\/[^?#]*)?$/i.exec(value.trim());
  if (m === null) return fail('expected redis://host:port, redis+sentinel://host:port/master or redis+cluster://host:port,...');
  const kind = SCHEMES.get(m[1]!.toLowerCase());
  if (kind === undefined) return fail(`unknown scheme ${m[1]} (use redis:, rediss:, redis+sentinel: or redis+cluster:)`);
  const nodes = m[4]!.split(',').map((part) => {
    const hp = /^(\[[0-9a-f:]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(part.trim());
    if (hp === null) return fail(`bad host:port "${part.slice(0, 100)}"`);
    const port = hp[2] === undefined ? (kind === 'sentinel' ? 26379 : 6379) : Number(hp[2]);
    if (port < 1 || port > 65535) return fail(`port ${port} is out of range`);
    return { host: hp[1]!.replace(/^\[|\]$/g, ''), port };
  });
  if (nodes.length === 0 || m[4] === '') return fail('no host given');
  if (kind === 'single' && nodes.length > 1) return fail('redis:// takes one host; use redis+cluster:// or redis+sentinel:// for several');
  const path = (m[5] ?? '').replace(/^\//, '');
  let db = 0;
  let masterName: string | null = null;
  if (kind === 'sentinel') {
    if (path === '') return fail('name the Sentinel master: redis+sentinel://host:port/NAME');
    masterName = decodeURIComponent(path);
  } else if (path !== '') {
    if (kind === 'cluster' || !/^\d{1,2}$/.test(path)) return fail(`unexpected path /${path.slice(0, 50)} (only a database number, on redis://)`);
    db = Number(path);
  }
  return {
    kind,
    nodes,
    masterName,
    db,
    username: m[2] !== undefined && m[2] !== '' ? decodeURIComponent(m[2]) : null,
    password: m[3] !== undefined ? decodeURIComponent(m[3]) : null,
    tls: m[1]!.toLowerCase() === 'rediss:',
    display,
  };
}
