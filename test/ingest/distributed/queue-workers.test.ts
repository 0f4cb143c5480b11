/**
 * The distributed ingest end to end, as a user runs it: a real redis-server, `vouch ingest --queue`,
 * `vouch worker ingest` processes writing Parquet, `vouch ingest --parquet` into a store, compared
 * with a single-process `vouch ingest` of the same real Common Crawl files.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { createProgram } from '../../../src/cli/program.js';
import { RetryableError, VouchError } from '../../../src/core/errors.js';
import { freePort, redisServerBinary, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServerHandle } from '../../helpers/redis-server.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { WARC_2014, WARC_2024, WAT_2014, WAT_2024 } from '../fixtures/warc-files.js';
import { startWorker, storeRows, writeRepeatedWarc } from './queue-fixtures.js';

const skip = redisServerBinary() === null ? 'redis-server not installed' : false;

describe('distributed ingest: file queue, two workers, Parquet', { skip }, () => {
  const temp = makeTempDir('vouch-queue-');
  const out = path.join(temp.dir, 'dataset');
  let redis: RedisServerHandle;
  let queue: string;
  let files: string[];

  before(async () => {
    redis = await startRedisServer();
    queue = `${redis.url}/1`;
    const repeated = writeRepeatedWarc(path.join(temp.dir, 'repeated.warc.gz'), 6);
    files = [WARC_2014, WAT_2014, WARC_2024, WAT_2024, repeated];
  });
  after(async () => {
    await redis?.stop();
    temp.cleanup();
  });

  it('two workers give the same links, pages and events as a single-process ingest', async () => {
    const queued = await runCli(['--json', 'ingest', '--queue', queue, ...files]);
    assert.equal(queued.code, 0, queued.stderr);
    assert.deepEqual(JSON.parse(queued.stdout), { files: 5, queued: 5, existing: 0, retried: 0 });

    const workers = [startWorker(queue, out), startWorker(queue, out)];
    const runs = await Promise.all(workers.map((w) => w.done));
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const stats = runs.map((r) => JSON.parse(r.stdout) as { completed: number; failed: number });
    assert.equal(stats[0]!.completed + stats[1]!.completed, 5);
    assert.equal(stats[0]!.failed + stats[1]!.failed, 0);
    assert.equal(readdirSync(path.join(out, '_manifest')).length, 5);
    assert.deepEqual(readdirSync(path.join(out, '_tmp')), [], 'no staging left behind');

    const viaQueue = path.join(temp.dir, 'store-queue');
    const direct = path.join(temp.dir, 'store-direct');
    const [load, single] = await Promise.all([
      runCli(['--data', viaQueue, '--json', 'ingest', '--parquet', out]),
      runCli(['--data', direct, '--quiet', 'ingest', ...[...files].sort()]),
    ]);
    assert.equal(load.code, 0, load.stderr);
    assert.equal((JSON.parse(load.stdout) as { files: number }).files, 5);
    assert.equal(single.code, 0, single.stderr);

    const [a, b] = await Promise.all([storeRows(viaQueue), storeRows(direct)]);
    assert.ok(b.links.length > 2_000, `a real amount of links (${b.links.length})`);
    assert.equal(a.links.length, b.links.length);
    assert.deepEqual(a.links, b.links);
    assert.deepEqual(a.pages, b.pages);
    assert.deepEqual(a.events, b.events);

    // Loading the dataset again changes nothing.
    const again = await runCli(['--data', viaQueue, '--json', 'ingest', '--parquet', out]);
    assert.equal((JSON.parse(again.stdout) as { inserted: number }).inserted, 0);
    assert.deepEqual((await storeRows(viaQueue)).links, b.links);
  });

  it('queuing the same files again, directly or through a list file, is a no-op', async () => {
    const list = path.join(temp.dir, 'files.txt');
    writeFileSync(list, `# the same files, one a line\n${files.join('\n')}\n\n`);
    const runs = await Promise.all([files, [list]].map((args) => runCli(['--json', 'ingest', '--queue', queue, ...args])));
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { files: 5, queued: 0, existing: 5, retried: 0 });
    }
    assert.match(redis.cli('LLEN', '{vouch}:ingest:wait'), /^0\s*$/);
  });

  it('a corrupt WARC and a missing file fail their own jobs, naming the file; the others complete', async () => {
    const corrupt = path.join(temp.dir, 'corrupt.warc');
    writeFileSync(corrupt, 'this is not a WARC file\r\n\r\nat all\r\n');
    const good = path.join(temp.dir, 'copy-of-2014.warc');
    copyFileSync(WARC_2014, good);
    const missing = path.join(temp.dir, 'gone.warc.gz');
    const list = path.join(temp.dir, 'more.list');
    writeFileSync(list, ['corrupt.warc', 'copy-of-2014.warc', 'gone.warc.gz'].join('\n'));

    const queued = await runCli(['--json', 'ingest', '--queue', queue, list]);
    assert.deepEqual(JSON.parse(queued.stdout), { files: 3, queued: 3, existing: 0, retried: 0 });
    // Queued again with --wait: a no-op, then it waits for the three jobs and reports how they ended.
    const waiting = runCli(['--json', 'ingest', '--queue', queue, '--wait', list], { timeoutMs: 60_000 });
    const worker = await startWorker(queue, out).done;
    assert.equal(worker.code, 0, worker.stderr);
    assert.deepEqual(JSON.parse(worker.stdout), { completed: 1, failed: 2 });
    const waited = await waiting;
    assert.equal(waited.code, 1, 'a failed file makes --wait exit 1');
    const report = JSON.parse(waited.stdout) as { completed: number; failed: number; failures: Array<{ location: string; reason: string }> };
    assert.equal(report.completed, 1);
    assert.deepEqual(report.failures.map((f) => f.location).sort(), [corrupt, missing].sort());
    for (const f of report.failures) assert.ok(f.reason.includes(f.location), `the reason names the file: ${f.reason}`);
    assert.match(report.failures.find((f) => f.location === corrupt)!.reason, /^INVALID_INPUT:/);
    assert.match(report.failures.find((f) => f.location === missing)!.reason, /^INVALID_CONFIG:/);
    assert.equal(readdirSync(path.join(out, '_manifest')).length, 6);

    // The corrupt file is fixed: --retry-failed puts the two failed jobs back, and only those.
    copyFileSync(WARC_2024, corrupt);
    const retry = await runCli(['--json', 'ingest', '--queue', queue, '--retry-failed', list]);
    assert.deepEqual(JSON.parse(retry.stdout), { files: 3, queued: 0, existing: 3, retried: 2 });
    const second = await startWorker(queue, out).done;
    assert.deepEqual(JSON.parse(second.stdout), { completed: 1, failed: 1 }, second.stderr);
    assert.equal(readdirSync(path.join(out, '_manifest')).length, 7);
  });

  it('rejects bad usage: no files, --parquet with files, a queue URL that is not redis://, a folder that is no dataset', async () => {
    const parse = (args: string[]): Promise<unknown> => createProgram().parseAsync(args, { from: 'user' });
    const failsWith = (code: string) => (err: unknown) => err instanceof VouchError && err.code === code;
    await assert.rejects(parse(['ingest', '--queue', queue]), failsWith('USAGE'));
    await assert.rejects(parse(['ingest', '--parquet', out, WARC_2014]), failsWith('USAGE'));
    await assert.rejects(parse(['ingest', '--queue', 'http://127.0.0.1:1', WARC_2014]), failsWith('INVALID_CONFIG'));
    const unreachable = `redis://127.0.0.1:${await freePort()}`;
    await assert.rejects(parse(['ingest', '--queue', unreachable, WARC_2014]), (err: unknown) => err instanceof RetryableError && err.code === 'NETWORK');
    await assert.rejects(parse(['--data', path.join(temp.dir, 'x'), 'ingest', '--parquet', temp.dir]), failsWith('INVALID_CONFIG'));
    await assert.rejects(parse(['--data', path.join(temp.dir, 'x'), 'worker', 'ingest', '--queue', queue, '--buckets', '0']), (err: unknown) => err instanceof CommanderError);
  });
});
