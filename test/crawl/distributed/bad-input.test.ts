/**
 * Mistakes with the frontier: a bad --frontier URL is a usage error naming it, and a frontier
 * that does not answer fails the start with FRONTIER_UNAVAILABLE instead of hanging.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CriticalError, ValidationError } from '../../../src/core/errors.js';
import { connectFrontier, distributedCrawl, parseFrontierUrl } from '../../../src/crawl/distributed/index.js';
import { openStore } from '../../../src/store/index.js';
import { freePort } from '../../helpers/redis-server.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const temp = makeTempDir('vouch-frontier-bad-');
after(() => temp.cleanup());

describe('frontier URLs', () => {
  it('reads the forms it documents', () => {
    assert.deepEqual(parseFrontierUrl('redis://127.0.0.1:6390/2'), {
      kind: 'single', nodes: [{ host: '127.0.0.1', port: 6390 }], masterName: null, db: 2, username: null, password: null, tls: false, display: 'redis://127.0.0.1:6390/2',
    });
    const s = parseFrontierUrl('redis+sentinel://:secret@10.0.0.1,10.0.0.2:26380/main');
    assert.deepEqual([s.kind, s.nodes, s.masterName, s.password, s.display], ['sentinel', [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26380 }], 'main', 'secret', 'redis+sentinel://:***@10.0.0.1,10.0.0.2:26380/main']);
    const c = parseFrontierUrl('redis+cluster://a.internal:7000,b.internal:7001');
    assert.deepEqual([c.kind, c.nodes.length], ['cluster', 2]);
    assert.equal(parseFrontierUrl('rediss://cache.example:6380').tls, true);
  });

  it('refuses malformed URLs with INVALID_CONFIG', () => {
    for (const bad of ['', 'localhost:6379', 'http://127.0.0.1:6379', 'redis://', 'redis://h:99999', 'redis://a:1,b:2', 'redis+sentinel://h:26379', 'redis://h:6379/x', 'redis+cluster://h:7000/1']) {
      assert.throws(() => parseFrontierUrl(bad), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG', bad);
    }
  });

  it('fails fast with FRONTIER_UNAVAILABLE when nothing answers', async () => {
    const port = await freePort();
    const started = performance.now();
    await assert.rejects(connectFrontier(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 1500 }), (err: unknown) => err instanceof CriticalError && err.code === 'FRONTIER_UNAVAILABLE');
    assert.ok(performance.now() - started < 10_000);
    const store = await openStore({ dataDir: `${temp.dir}/down` });
    try {
      await assert.rejects(
        distributedCrawl(store, { seeds: ['http://a.test/'], frontier: `redis://127.0.0.1:${port}` }),
        (err: unknown) => err instanceof CriticalError && err.code === 'FRONTIER_UNAVAILABLE',
      );
      assert.deepEqual(await store.all(`SELECT id FROM jobs`), [], 'no job is opened without a frontier');
      await assert.rejects(distributedCrawl(store, { seeds: ['http://a.test/'], frontier: 'redis://127.0.0.1:1', sitemaps: true }), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
    } finally {
      await store.close();
    }
  });
});

describe('vouch crawl --frontier and vouch worker crawl, misused', () => {
  it('names a bad --frontier URL and exits 2', async () => {
    const crawl = await runCli(['--data', `${temp.dir}/cli`, 'crawl', 'http://a.test/', '--frontier', 'memcached://127.0.0.1:11211']);
    assert.equal(crawl.code, 2);
    assert.match(crawl.stderr, /memcached:\/\/127\.0\.0\.1:11211/);
    const worker = await runCli(['worker', 'crawl', '--frontier', 'redis://no port here']);
    assert.equal(worker.code, 2);
    assert.match(worker.stderr, /redis:\/\/no port here/);
    assert.equal((await runCli(['worker', 'crawl'])).code, 2, '--frontier is required');
    assert.equal((await runCli(['--data', `${temp.dir}/cli`, 'crawl', 'http://a.test/', '--no-fetch'])).code, 2, '--no-fetch needs --frontier');
  });

  it('exits 1 naming the frontier when Redis is down, without hanging', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const [crawl, worker] = await Promise.all([
      runCli(['--data', `${temp.dir}/cli-down`, 'crawl', 'http://a.test/', '--frontier', url], { timeoutMs: 30_000 }),
      runCli(['worker', 'crawl', '--frontier', url], { timeoutMs: 30_000 }),
    ]);
    for (const r of [crawl, worker]) {
      assert.equal(r.signal, null, 'ended by itself');
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stderr.includes(`127.0.0.1:${port}`), r.stderr);
    }
  });
});
