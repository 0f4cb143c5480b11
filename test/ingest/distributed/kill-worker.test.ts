/**
 * A worker killed with -9 in the middle of a file: its lock expires, another worker takes the file
 * back, and the dataset ends with every link of the file exactly once.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { enqueueIngestFiles, fileJobId, loadParquetDataset, openIngestQueue, redisConnection } from '../../../src/ingest/index.js';
import { openStore } from '../../../src/store/index.js';
import type { ParquetManifest } from '../../../src/ingest/index.js';
import { redisServerBinary, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServerHandle } from '../../helpers/redis-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { linksOf, startWorker, storeRows, writeRepeatedWarc } from './queue-fixtures.js';

const skip = redisServerBinary() === null ? 'redis-server not installed' : false;
const COPIES = 40;

describe('distributed ingest: a worker killed mid-file', { skip }, () => {
  const temp = makeTempDir('vouch-queue-kill-');
  const out = path.join(temp.dir, 'dataset');
  let redis: RedisServerHandle;

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
    temp.cleanup();
  });

  it('loses nothing and duplicates nothing', async () => {
    const big = writeRepeatedWarc(path.join(temp.dir, 'big.warc.gz'), COPIES);
    const queue = `${redis.url}/2`;
    const jobId = fileJobId(big);
    const connection = await redisConnection(queue);
    const jobs = openIngestQueue(connection);
    try {
      assert.equal((await enqueueIngestFiles(jobs, [big])).queued, 1);
    } finally {
      await jobs.close();
      connection.disconnect();
    }

    const doomed = startWorker(queue, out);
    // Mid-file: the job is running and has reported progress, but is not finished.
    for (;;) {
      const progress = Number(redis.cli('-n', '2', 'HGET', `{vouch}:ingest:${jobId}`, 'progress').trim() || '0');
      if (progress >= 5) break;
      if (doomed.child.exitCode !== null) assert.fail('the worker finished before it could be killed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    doomed.child.kill('SIGKILL');
    assert.equal((await doomed.done).signal, 'SIGKILL');
    const manifestFile = path.join(out, '_manifest', `${jobId}.json`);
    assert.equal(existsSync(manifestFile), false, 'killed before its output was committed');
    assert.equal(readdirSync(path.join(out, '_tmp')).length, 1, 'the dead worker left its staging folder');

    // The survivor takes the file back once the dead worker's lock expires (--lock-ms 2000).
    const survivor = await startWorker(queue, out).done;
    assert.equal(survivor.code, 0, survivor.stderr);
    assert.deepEqual(JSON.parse(survivor.stdout), { completed: 1, failed: 0 });
    assert.deepEqual(readdirSync(path.join(out, '_tmp')), [], 'the dead attempt was cleaned up');

    const expected = await linksOf(big);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ParquetManifest;
    assert.equal(manifest.counts.links, expected.raw);
    // Every link row in the dataset belongs to this file's one committed output: none twice.
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      const rows = await c.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(DISTINCT filename)::INTEGER AS files FROM read_parquet($1, filename = true)`, [path.join(out, 'links', '**', '*.parquet')]);
      const [n, files] = rows.getRows()[0] as [number, number];
      assert.equal(n, expected.raw);
      assert.equal(files, manifest.links.length);
    } finally {
      c.closeSync();
      instance.closeSync();
    }

    const data = path.join(temp.dir, 'store');
    const store = await openStore({ dataDir: data });
    try {
      await loadParquetDataset(store, out);
    } finally {
      await store.close();
    }
    const { links } = await storeRows(data);
    assert.equal(links.length, expected.distinct);
    assert.equal(expected.distinct % COPIES, 0, 'each copy of the sample gives its own links');
  });
});
