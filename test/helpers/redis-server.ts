import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { makeTempDir } from './temp-dir.js';

/** A real redis-server on loopback, started with its own config, port and directory, stopped by pid. */
export interface RedisServerHandle {
  port: number;
  url: string;
  pid: number;
  dir: string;
  /** Run `redis-cli -p <port> ...args` against this server and return stdout. */
  cli(...args: string[]): string;
  /** Kill with SIGKILL (a crash) and wait for the exit. */
  kill(): Promise<void>;
  /** Stop (SIGTERM, then SIGKILL after 3 s) and remove its directory. */
  stop(): Promise<void>;
}

/** Path of redis-server, or null when it is not installed (tests then skip with a reason). */
export function redisServerBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin !== '' ? bin : null;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not listen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Start redis-server on 127.0.0.1 with no persistence unless asked. `extraArgs` are redis-server
 * command-line options, e.g. `['--replicaof', '127.0.0.1', '6380']` or `['--cluster-enabled', 'yes']`.
 * @example const redis = await startRedisServer(); try { ... } finally { await redis.stop(); }
 */
export async function startRedisServer(options: { port?: number; extraArgs?: string[]; timeoutMs?: number } = {}): Promise<RedisServerHandle> {
  const bin = redisServerBinary();
  if (bin === null) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = options.port ?? (await freePort());
  const { dir, cleanup } = makeTempDir('vouch-redis-');
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
    '--protected-mode', 'no', '--daemonize', 'no', '--logfile', '', '--loglevel', 'warning',
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitForPort(port, child, options.timeoutMs ?? 10_000);
  return serverHandle(child, port, dir, cleanup, `redis://127.0.0.1:${port}`);
}

/**
 * A Redis Sentinel on 127.0.0.1 watching the master `masterName` at 127.0.0.1:`masterPort`
 * with a quorum of 1, so that it alone fails the master over (after `downAfterMs` without answer).
 * @example const sentinel = await startRedisSentinel({ masterPort: master.port }); // redis+sentinel://127.0.0.1:${sentinel.port}/vouch
 */
export async function startRedisSentinel(options: { masterPort: number; masterName?: string; downAfterMs?: number; failoverTimeoutMs?: number; timeoutMs?: number }): Promise<RedisServerHandle> {
  const bin = redisServerBinary();
  if (bin === null) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = await freePort();
  const { dir, cleanup } = makeTempDir('vouch-sentinel-');
  const name = options.masterName ?? 'vouch';
  const conf = `${dir}/sentinel.conf`;
  writeFileSync(conf, [
    `port ${port}`, 'bind 127.0.0.1', 'protected-mode no', `dir ${dir}`, 'logfile ""', 'loglevel warning',
    `sentinel monitor ${name} 127.0.0.1 ${options.masterPort} 1`,
    `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
    `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 5000}`,
    `sentinel parallel-syncs ${name} 2`,
    '',
  ].join('\n'));
  const child = spawn(bin, [conf, '--sentinel'], { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitForPort(port, child, options.timeoutMs ?? 10_000);
  return serverHandle(child, port, dir, cleanup, `redis+sentinel://127.0.0.1:${port}/${name}`);
}

/** A Redis Cluster of `masters` nodes on loopback (no replicas), every slot assigned. */
export interface RedisClusterHandle {
  nodes: RedisServerHandle[];
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,...` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Start `masters` redis-servers with `--cluster-enabled yes`, join them with
 * `redis-cli --cluster create`, and wait until the cluster answers `cluster_state:ok`.
 * @example const cluster = await startRedisCluster(); try { ... } finally { await cluster.stop(); }
 */
export async function startRedisCluster(options: { masters?: number; timeoutMs?: number } = {}): Promise<RedisClusterHandle> {
  const nodes: RedisServerHandle[] = [];
  const stop = async (): Promise<void> => {
    for (const n of nodes) await n.stop();
  };
  try {
    for (let i = 0; i < (options.masters ?? 3); i++) {
      nodes.push(await startRedisServer({ extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'] }));
    }
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout.slice(-500)}${created.stderr.slice(-500)}`);
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    while (!nodes.every((n) => n.cli('CLUSTER', 'INFO').includes('cluster_state:ok'))) {
      if (Date.now() > deadline) throw new Error('the cluster did not reach cluster_state:ok');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, url: `redis+cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`, stop };
}

/** The handle of a started redis-server process: its address, a redis-cli against it, kill and stop. */
function serverHandle(child: ChildProcess, port: number, dir: string, cleanup: () => void, url: string): RedisServerHandle {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    port,
    url,
    pid: child.pid ?? -1,
    dir,
    cli: (...cliArgs: string[]) => spawnSync('redis-cli', ['-p', String(port), ...cliArgs], { encoding: 'utf8' }).stdout,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
}
