/**
 * The frontier on a real three-master Redis Cluster: shards spread over the nodes, each Lua
 * script runs in one slot, and a crawl of a small web through it records what one process does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import { connectFrontier, distributedCrawl, RedisFrontier, shardPrefix } from '../../../src/crawl/distributed/index.js';
import type { FrontierClient } from '../../../src/crawl/distributed/index.js';
import { openStore } from '../../../src/store/index.js';
import { redisServerBinary, startRedisCluster } from '../../helpers/redis-server.js';
import type { RedisClusterHandle } from '../../helpers/redis-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { html, linksPage, startTestWeb } from '../crawler/fixtures/test-web.js';
import type { TestWeb } from '../crawler/fixtures/test-web.js';

const missing = redisServerBinary() === null ? 'redis-server not installed' : false;
let cluster: RedisClusterHandle | null = null;
let client: FrontierClient | null = null;
const temp = makeTempDir('vouch-frontier-cluster-');

before(async () => {
  if (missing !== false) return;
  cluster = await startRedisCluster();
  client = await connectFrontier(cluster.url);
});
after(async () => {
  client?.disconnect();
  await cluster?.stop();
  temp.cleanup();
});

describe('redis frontier on a Redis Cluster', { skip: missing }, () => {
  it('spreads shards over the masters and works every script in one slot', async () => {
    const f = await RedisFrontier.create(client!, {
      jobKey: 'crawl:cluster1', shards: 8, perHost: 2, delayMs: 0, slackMs: 0, leaseMs: 60_000, waitReplicas: 0, waitTimeoutMs: 1000,
      userAgent: 'vouch-test', maxBytes: 1 << 20, timeoutMs: 5000, maxAttempts: 3, retryBaseDelayMs: 100,
    });
    const hosts = Array.from({ length: 40 }, (_, i) => `h${i}.test`);
    assert.equal(await f.push(hosts.flatMap((h) => [{ url: `http://${h}/`, host: h, depth: 0 }, { url: `http://${h}/a`, host: h, depth: 1 }])), 80);
    assert.equal(await f.push([{ url: 'http://h0.test/', host: 'h0.test', depth: 0 }]), 0, 'dedupe holds on a cluster');
    // Each shard's keys sit in one slot; the shards land on more than one master.
    const owners = new Set<string>();
    for (let n = 0; n < 8; n++) {
      const p = shardPrefix('crawl:cluster1', n);
      const slots = new Set(['conf', 'seen', 'out', 'q:h1.test'].map((k) => cluster!.nodes[0]!.cli('CLUSTER', 'KEYSLOT', p + k).trim()));
      assert.equal(slots.size, 1, `shard ${n}`);
      owners.add(cluster!.nodes.find((node) => node.cli('CLUSTER', 'COUNTKEYSINSLOT', [...slots][0]!).trim() !== '0')?.port.toString() ?? 'none');
    }
    assert.ok(owners.size >= 2 && !owners.has('none'), `shards on ${[...owners].join(', ')}`);
    let leased = 0;
    for (let round = 0; round < 10 && leased < 80; round++) {
      const { leases } = await f.claim(100);
      for (const l of leases) assert.equal(await f.complete(l, 'done', JSON.stringify({ url: l.url })), true);
      leased += leases.length;
    }
    assert.equal(leased, 80);
    const results = await f.readResults('owner', 1000);
    assert.equal(results.length, 80);
    await f.ack(results);
    const t = await f.totals();
    assert.deepEqual({ queued: t.queued, leased: t.leased, done: t.done, out: t.out, seen: t.seen }, { queued: 0, leased: 0, done: 80, out: 0, seen: 80 });
  });

  it('crawls a small web through the cluster into the same pages and links as one process', async () => {
    const hosts = ['a.test', 'b.test', 'c.test', 'd.test', 'e.test'];
    const site = (next: string) => (_req: unknown, res: Parameters<typeof html>[0], p: string): void =>
      p === '/robots.txt' ? html(res, 'none', 404) : html(res, linksPage(['/', '/p1', '/p2', '/p3', `http://${next}/`]));
    const web: TestWeb = await startTestWeb(Object.fromEntries(hosts.map((h, i) => [h, site(hosts[(i + 1) % hosts.length]!)])));
    try {
      const options = { seeds: ['http://a.test/'], scope: { list: hosts }, resolve: hosts.map((h) => web.resolve(h)), allowPrivate: true, delayMs: 0, perHost: 2 } as const;
      const single = await openStore({ dataDir: `${temp.dir}/single` });
      const viaCluster = await openStore({ dataDir: `${temp.dir}/cluster` });
      try {
        assert.equal((await crawl(single, options)).state, 'done');
        const result = await distributedCrawl(viaCluster, { ...options, frontier: cluster!.url });
        assert.equal(result.state, 'done');
        const q = `SELECT url || ' ' || status AS k FROM pages ORDER BY k`;
        const l = `SELECT concat_ws(' ', src_url, dst_url, kind, anchor) AS k FROM links ORDER BY k`;
        assert.equal((await single.all(q)).length, 20);
        assert.deepEqual(await viaCluster.all(q), await single.all(q));
        assert.deepEqual(await viaCluster.all(l), await single.all(l));
      } finally {
        await single.close();
        await viaCluster.close();
      }
    } finally {
      await web.close();
    }
  });
});
