/**
 * The ClickHouse side of distributed ingest, on chdb (ClickHouse in process, reached through the
 * same @clickhouse/client code as a server): a worker writing into the store, the Parquet dataset
 * loaded into it, and `vouch --store … rank` ranking the graphs streamed out of it.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ingestFileToParquet } from '../../../src/ingest/index.js';
import { redisServerBinary, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServerHandle } from '../../helpers/redis-server.js';
import { runCli, startCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { CHDB_SKIP } from '../../store/contract/chdb-store.js';
import { WARC_2014, WARC_2024, WAT_2014 } from '../fixtures/warc-files.js';
import { FAST_LOCKS } from './queue-fixtures.js';

const skip = CHDB_SKIP ?? (redisServerBinary() === null ? 'redis-server not installed' : false);

interface RankJson {
  nodes: number;
  edges: number;
  rows: Array<{ node: string; pagerank: number; in_degree: number }>;
}

/** `vouch --store … rank --json`: the store's graphs, ranked and written back. */
interface RankStoreJson {
  hosts: { nodes: number; edges: number };
}

describe('distributed ingest into ClickHouse (chdb)', { skip }, () => {
  const temp = makeTempDir('vouch-queue-ch-');
  const files = [WARC_2014, WAT_2014, WARC_2024];
  const dataset = path.join(temp.dir, 'dataset');
  let redis: RedisServerHandle;

  before(async () => {
    redis = await startRedisServer();
    for (const f of files) await ingestFileToParquet(f, { outDir: dataset, buckets: 2 });
  });
  after(async () => {
    await redis?.stop();
    temp.cleanup();
  });

  it('a worker writes into the store; loading the Parquet gives the same links; rank streams the same host graph out', async () => {
    const viaWorker = `chdb://${temp.dir}/ch-worker?database=w`;
    const viaParquet = `chdb://${temp.dir}/ch-parquet?database=p`;
    const queue = `${redis.url}/3`;
    assert.equal((await runCli(['--quiet', 'ingest', '--queue', queue, ...files])).code, 0);
    const worker = await startCli(['--json', '--store', viaWorker, 'worker', 'ingest', '--queue', queue, '--until-empty', ...FAST_LOCKS]).done;
    assert.equal(worker.code, 0, worker.stderr);
    assert.deepEqual(JSON.parse(worker.stdout), { completed: 3, failed: 0 });
    const load = await runCli(['--json', '--store', viaParquet, 'ingest', '--parquet', dataset]);
    assert.equal(load.code, 0, load.stderr);

    const [a, b, fromParquet] = await Promise.all([
      runCli(['--json', '--store', viaWorker, 'rank', '--weighted', '--harmonic', 'none']),
      runCli(['--json', '--store', viaParquet, 'rank', '--weighted', '--harmonic', 'none']),
      runCli(['--json', 'rank', '--weighted', '--harmonic', 'none', '--edges', dataset, '--format', 'parquet']),
    ]);
    for (const r of [a, b, fromParquet]) assert.equal(r.code, 0, r.stderr);
    const rp = JSON.parse(fromParquet.stdout) as RankJson;
    const [ra, rb] = [a, b].map((r) => JSON.parse(r.stdout) as RankStoreJson);
    assert.ok(rp.edges > 30, `a host graph (${rp.edges} edges)`);
    // The store's host graph has the Parquet dataset's edges; its nodes also count hosts with pages and no followed link.
    for (const r of [ra, rb]) {
      assert.equal(r.hosts.edges, rp.edges);
      assert.ok(r.hosts.nodes >= rp.nodes);
    }
    assert.deepEqual(rb.hosts, ra.hosts);
  });
});
