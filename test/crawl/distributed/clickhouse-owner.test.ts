/**
 * A distributed crawl owned on a ClickHouse store (chdb): the owner writes what the workers fetch
 * through the store port, records the fetched URLs in ClickHouse's `frontier` table, resumes an
 * interrupted job from there, and ends with the pages and links a single-process DuckDB crawl
 * stores. The command line takes `--store` with `--frontier` the same way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import { distributedCrawl } from '../../../src/crawl/distributed/index.js';
import { startDemoServer } from '../../../src/demo/index.js';
import type { DemoServer } from '../../../src/demo/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/index.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../../store/contract/chdb-store.js';
import type { OpenedStore } from '../../store/contract/store-contract.js';
import { redisServerBinary, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServerHandle } from '../../helpers/redis-server.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const skip = CHDB_SKIP ?? (redisServerBinary() === null ? 'redis-server not installed' : false);

/** Pages and links as comparable text, whichever store holds them. */
async function contents(store: Store): Promise<{ pages: string[]; links: string[] }> {
  const pages = await store.all<{ url: string; status: number; error: string | null }>(`SELECT url, status, error FROM pages ORDER BY url`);
  const links = await store.all<{ src_url: string; dst_url: string; kind: string; anchor: string; nofollow: boolean }>(
    `SELECT src_url, dst_url, kind, anchor, nofollow FROM links ORDER BY src_url, dst_url, kind, anchor`,
  );
  return {
    pages: pages.map((p) => `${p.url} ${p.status} ${p.error ?? ''}`),
    links: links.map((l) => `${l.src_url} ${l.dst_url} ${l.kind} ${l.anchor} ${l.nofollow}`),
  };
}

describe('a distributed crawl owned on ClickHouse (chdb)', { skip }, () => {
  const tmp = makeTempDir('vouch-ch-owner-');
  let web: DemoServer;
  let redis: RedisServerHandle;
  let ch: OpenedStore;
  let expected: { pages: string[]; links: string[] };
  // Hosts whose robots.txt asks for a Crawl-delay are left out: politeness is tested elsewhere, and here it only adds waiting.
  let exclude: string[];

  before(async () => {
    web = await startDemoServer({ sites: 20, pages: 120 });
    redis = await startRedisServer();
    ch = await openChdbStore();
    exclude = web.truth.robots.filter((r) => r.crawlDelayMs > 0).map((r) => `http://${r.host}/*`);
    const single = await openStore({ dataDir: `${tmp.dir}/single` });
    try {
      assert.equal((await crawl(single, { seeds: web.truth.seeds, resolve: web.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 16, exclude })).state, 'done');
      expected = await contents(single);
    } finally {
      await single.close();
    }
  });
  after(async () => {
    await ch?.cleanup();
    removeChdbDir();
    await redis?.stop();
    await web?.close();
    tmp.cleanup();
  });

  it('stores what a DuckDB crawl stores, after an interruption and a resume', async () => {
    const options = { seeds: web.truth.seeds, resolve: web.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 16, exclude, frontier: redis.url, timeoutMs: 2000, leaseMs: 2000 };
    const controller = new AbortController();
    const first = await distributedCrawl(ch.store, options, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesThisRun >= 20) controller.abort();
      },
    });
    assert.equal(first.state, 'interrupted');
    const recorded = await ch.store.one<{ n: bigint }>(`SELECT count() AS n FROM frontier WHERE job_id = $1`, [first.jobId]);
    assert.ok(Number(recorded!.n) > 0 && Number(recorded!.n) < expected.pages.length, `recorded ${recorded!.n} of ${expected.pages.length}`);

    const second = await distributedCrawl(ch.store, options);
    assert.equal(second.state, 'done');
    assert.equal(second.jobId, first.jobId, 'the same job resumed');
    assert.equal(second.summary.pages, expected.pages.length, 'the summary counts every page of the job, both runs');
    assert.equal(second.summary.links > 0, true);
    assert.deepEqual(await contents(ch.store), expected);
    const job = await ch.store.one<{ state: string }>(`SELECT state FROM jobs WHERE id = $1`, [second.jobId]);
    assert.equal(job?.state, 'done');
  });

  it('vouch --store chdb://… crawl --frontier owns the crawl from the command line', async () => {
    const store = `chdb://${tmp.dir}/cli?database=owner`;
    const run = await runCli(['--store', store, '--json', 'crawl', ...web.truth.seeds, '--frontier', redis.url, '--delay', '0', '--per-host', '4', '--allow-private', ...exclude.flatMap((e) => ['--exclude', e]), ...web.resolveArgs.flatMap((r) => ['--resolve', r])], {
      timeoutMs: 120_000,
    });
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    const out = JSON.parse(run.stdout) as { state: string; summary: { pages: number } };
    assert.deepEqual([out.state, out.summary.pages], ['done', expected.pages.length]);
  });
});
