/**
 * A real ClickHouse cluster on loopback for the smoke tier: one ZooKeeper and two Debian
 * clickhouse-server processes (two shards, one replica each), each with its own config, ports and
 * directory, started with bounded waits and stopped by pid.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort } from '../../helpers/redis-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

export const CLICKHOUSE_SERVER_BIN = '/usr/sbin/clickhouse-server';
export const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
export const CLUSTER_NAME = 'two';

/** Why the cluster tier skips, or null when the servers are installed. */
export function clusterSkipReason(): string | null {
  if (!existsSync(CLICKHOUSE_SERVER_BIN)) return 'clickhouse-server is not installed (apt-get install clickhouse-server)';
  if (!existsSync(ZOOKEEPER_JAR)) return 'zookeeper is not installed (apt-get install zookeeper)';
  if (spawnSync('sh', ['-c', 'command -v java']).status !== 0) return 'java is not installed (zookeeper needs it)';
  return null;
}

export interface ClusterHandle {
  /** HTTP URLs of the two servers, shard 1 and shard 2. */
  httpUrls: [string, string];
  pids: number[];
  /** The directory holding each server's config, data and logs (ch1/, ch2/, zk/). */
  dir: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening on ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${name} did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForZooKeeper(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await new Promise<string>((resolve) => {
      let got = '';
      const socket = connect(port, '127.0.0.1', () => socket.write('ruok'));
      socket.setEncoding('utf8').on('data', (d: string) => (got += d));
      socket.once('close', () => resolve(got));
      socket.once('error', () => resolve(''));
    });
    if (answer === 'imok') return;
    if (Date.now() > deadline) throw new Error(`zookeeper on ${port} did not answer imok within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Start one server and wait until it has a ZooKeeper session. 18.16 segfaults in its DDL worker when
 * its first ZooKeeper connection fails (seen about one start in three here, under load), so a
 * server that dies during startup is started again, up to three times.
 */
async function startServer(dir: string, httpPort: number, timeoutMs: number): Promise<ChildProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = spawn(CLICKHOUSE_SERVER_BIN, [`--config-file=${dir}/config.xml`], { cwd: dir, stdio: 'ignore' });
    try {
      await waitForPort(httpPort, server, 'clickhouse-server', timeoutMs);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (server.exitCode !== null || server.signalCode !== null) throw new Error(`clickhouse-server in ${dir} died during startup`);
        const ok = await fetch(`http://127.0.0.1:${httpPort}/?query=${encodeURIComponent("SELECT count() FROM system.zookeeper WHERE path = '/'")}`)
          .then((r) => r.ok)
          .catch(() => false);
        // A healthy server stays up a moment after its first session, when the crash would come.
        if (ok) {
          await new Promise((r) => setTimeout(r, 500));
          if (server.exitCode === null && server.signalCode === null) return server;
        }
        if (Date.now() > deadline) throw new Error(`clickhouse-server in ${dir} got no ZooKeeper session within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch (err) {
      lastError = err;
      await stopChild(server);
    }
  }
  throw lastError;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface Ports {
  http: number;
  tcp: number;
  interserver: number;
}

function serverConfig(dir: string, own: Ports, shard: string, nodes: Ports[], zkPort: number): string {
  const replicas = nodes.map((n) => `<shard><replica><host>127.0.0.1</host><port>${n.tcp}</port></replica></shard>`).join('');
  return `<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${own.http}</http_port><tcp_port>${own.tcp}</tcp_port><interserver_http_port>${own.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile><default_database>default</default_database>
  <mark_cache_size>5368709</mark_cache_size><uncompressed_cache_size>8589934</uncompressed_cache_size>
  <timezone>UTC</timezone>
  <remote_servers><${CLUSTER_NAME}>${replicas}</${CLUSTER_NAME}></remote_servers>
  <zookeeper><node><host>127.0.0.1</host><port>${zkPort}</port></node><session_timeout_ms>10000</session_timeout_ms></zookeeper>
  <macros><shard>${shard}</shard><replica>r1</replica></macros>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
</yandex>`;
}

const USERS = `<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>`;

/**
 * Start ZooKeeper and two ClickHouse servers forming cluster `two` (2 shards × 1 replica).
 * @example const c = await startCluster(); try { ... } finally { await c.stop(); }
 */
export async function startCluster(timeoutMs = 30_000): Promise<ClusterHandle> {
  const tmp = makeTempDir('vouch-chcluster-');
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const c of children.reverse()) await stopChild(c);
    tmp.cleanup();
  };
  try {
    const zkPort = await freePort();
    const zkDir = path.join(tmp.dir, 'zk');
    mkdirSync(path.join(zkDir, 'data'), { recursive: true });
    writeFileSync(
      path.join(zkDir, 'zoo.cfg'),
      `tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=${zkDir}/data\nclientPort=${zkPort}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n4lw.commands.whitelist=ruok\nforceSync=no\npreAllocSize=1024\n`,
    );
    // Standalone ZooKeeper straight from Debian's jar: zkServer.sh there insists on /etc/zookeeper.
    const zk = spawn('java', ['-Xmx128m', '-XX:TieredStopAtLevel=1', '-cp', ZOOKEEPER_JAR, 'org.apache.zookeeper.server.ZooKeeperServerMain', path.join(zkDir, 'zoo.cfg')], {
      stdio: 'ignore',
    });
    children.push(zk);
    await waitForPort(zkPort, zk, 'zookeeper', timeoutMs);
    // The port opens before ZooKeeper serves; a ClickHouse 18.16 whose first session fails that
    // way crashes in its DDL worker. So wait for `imok`.
    await waitForZooKeeper(zkPort, timeoutMs);

    const nodes: Ports[] = [];
    for (let i = 0; i < 2; i++) nodes.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
    for (const [i, own] of nodes.entries()) {
      const dir = path.join(tmp.dir, `ch${i + 1}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'users.xml'), USERS);
      writeFileSync(path.join(dir, 'config.xml'), serverConfig(dir, own, `0${i + 1}`, nodes, zkPort));
    }
    for (const [i, own] of nodes.entries()) children.push(await startServer(path.join(tmp.dir, `ch${i + 1}`), own.http, timeoutMs));
    return {
      httpUrls: [`http://127.0.0.1:${nodes[0]!.http}`, `http://127.0.0.1:${nodes[1]!.http}`],
      pids: children.map((c) => c.pid ?? -1),
      dir: tmp.dir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
