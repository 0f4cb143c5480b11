/**
 * The frontier's Lua scripts against a real redis-server: dedupe, leases and their expiry,
 * per-host leases, the gap between request starts on the server's clock, Crawl-delay, retries
 * with Retry-After, and the result stream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectFrontier, RedisFrontier, shardOf, shardPrefix } from '../../../src/crawl/distributed/index.js';
import type { DistributedJobConfig, FrontierClient, LeasedUrl } from '../../../src/crawl/distributed/index.js';
import { redisServerBinary, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServerHandle } from '../../helpers/redis-server.js';

const missing = redisServerBinary() === null ? 'redis-server not installed' : false;
let redis: RedisServerHandle | null = null;
const clients: FrontierClient[] = [];
let jobs = 0;

before(async () => {
  if (missing === false) redis = await startRedisServer();
});
after(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

function config(over: Partial<DistributedJobConfig> = {}): DistributedJobConfig {
  return {
    jobKey: `crawl:test${++jobs}`, shards: 4, perHost: 1, delayMs: 0, slackMs: 0, leaseMs: 60_000, waitReplicas: 0, waitTimeoutMs: 1000,
    userAgent: 'vouch-test', maxBytes: 1 << 20, timeoutMs: 5000, maxAttempts: 3, retryBaseDelayMs: 100, ...over,
  };
}

async function open(over: Partial<DistributedJobConfig> = {}, workerId = 'w1'): Promise<RedisFrontier> {
  const client = await connectFrontier(redis!.url);
  clients.push(client);
  const owner = await RedisFrontier.create(client, config(over));
  if (workerId === 'owner') return owner;
  const other = await connectFrontier(redis!.url);
  clients.push(other);
  return (await RedisFrontier.join(other, owner.config.jobKey, workerId))!;
}

/** Last request start per host, as the server recorded it (ms of its clock). */
function lastStart(f: RedisFrontier, host: string): number {
  const p = shardPrefix(f.config.jobKey, f.shardOf(host));
  return Number(redis!.cli('HGET', `${p}last`, host).trim());
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('redis frontier scripts', { skip: missing }, () => {
  it('adds a URL once, however often and by whichever call it is pushed', async () => {
    const f = await open();
    assert.equal(await f.push([{ url: 'http://a.test/', host: 'a.test', depth: 0 }, { url: 'http://a.test/', host: 'a.test', depth: 1 }]), 1);
    assert.equal(await f.push([{ url: 'http://a.test/', host: 'a.test', depth: 0 }, { url: 'http://b.test/', host: 'b.test', depth: 0 }]), 1);
    const t = await f.totals();
    assert.deepEqual({ queued: t.queued, seen: t.seen }, { queued: 2, seen: 2 });
    assert.deepEqual([...(await f.seenUrls())].sort(), ['http://a.test/', 'http://b.test/']);
  });

  it('keeps every key of a shard under one hash tag, and a host in one shard', async () => {
    const f = await open();
    await f.push([{ url: 'http://c.test/x', host: 'c.test', depth: 0 }, { url: 'http://c.test/y', host: 'c.test', depth: 0 }]);
    await f.claim(1);
    const id = f.config.jobKey.slice(6);
    const keys = redis!.cli('KEYS', `vouch:*${id}*`).trim().split('\n').filter((k) => k !== '');
    const untagged = keys.filter((k) => !/^vouch:\{[^}]+\}:/.test(k));
    assert.deepEqual(untagged, [`vouch:job:${f.config.jobKey}`], 'only the job hash lives outside the shards');
    const shard = shardOf('c.test', 4);
    assert.equal(shardOf('c.test', 4), shard, 'stable');
    const own = keys.filter((k) => k.startsWith(shardPrefix(f.config.jobKey, shard)));
    for (const name of ['q:c.test', 'leases', 'lease', 'meta', 'seen', 'stats', 'last', 'active', 'conf', 'out']) assert.ok(own.some((k) => k.endsWith(':' + name)), `${name} in the host's shard`);
    assert.equal(keys.filter((k) => k.endsWith(':q:c.test')).length, 1);
  });

  it('leases at most --per-host URLs of a host at a time, over all workers', async () => {
    const owner = await open({ perHost: 2 }, 'owner');
    const w2 = (await RedisFrontier.join(owner.client, owner.config.jobKey, 'w2'))!;
    await owner.push(Array.from({ length: 5 }, (_, i) => ({ url: `http://d.test/${i}`, host: 'd.test', depth: i })));
    const first = await owner.claim(10);
    assert.deepEqual(first.leases.map((l) => l.url), ['http://d.test/0', 'http://d.test/1'], 'breadth first, two at most');
    assert.equal((await w2.claim(10)).leases.length, 0, 'another worker gets none while two are leased');
    assert.equal(await owner.complete(first.leases[0]!, 'done', '{}'), true);
    const next = await w2.claim(10);
    assert.deepEqual(next.leases.map((l) => l.url), ['http://d.test/2']);
    const t = await owner.totals();
    assert.deepEqual({ queued: t.queued, leased: t.leased, done: t.done, out: t.out }, { queued: 2, leased: 2, done: 1, out: 1 });
  });

  it('spaces request starts to a host by delay + slack on the server clock, whoever claims', async () => {
    const owner = await open({ perHost: 4, delayMs: 120, slackMs: 10 }, 'owner');
    const w2 = (await RedisFrontier.join(owner.client, owner.config.jobKey, 'w2'))!;
    await owner.push(Array.from({ length: 3 }, (_, i) => ({ url: `http://e.test/${i}`, host: 'e.test', depth: 0 })));
    const a = await owner.claim(10);
    assert.equal(a.leases.length, 1, 'one start per gap, even with leases free');
    const t0 = lastStart(owner, 'e.test');
    const b = await w2.claim(10);
    assert.equal(b.leases.length, 0);
    assert.ok(b.waitMs > 0 && b.waitMs <= 130, `told to come back in ${b.waitMs} ms`);
    let got: LeasedUrl[] = [];
    let claimedAt = 0;
    while (got.length === 0) {
      claimedAt = performance.now();
      got = (await w2.claim(10)).leases;
      if (got.length === 0) await sleep(5);
    }
    // A second request under a lease (the page after robots.txt) waits for the gap too, unless this
    // process itself took the whole gap to get here (a loaded machine).
    const wait = await owner.start(a.leases[0]!);
    const elapsed = performance.now() - claimedAt;
    assert.ok(wait > 0 || elapsed >= 130, `start under a lease right after another start must wait (${wait}; ${elapsed.toFixed(0)} ms after the claim)`);
    assert.ok(lastStart(owner, 'e.test') - t0 >= 130, `second start ${lastStart(owner, 'e.test') - t0} ms after the first`);
  });

  it('reserves a host outside a lease (a robots.txt redirect hop), and counts the gap from a late request', async () => {
    const f = await open({ perHost: 2, delayMs: 200, slackMs: 0 });
    await f.push([{ url: 'http://r.test/1', host: 'r.test', depth: 0 }, { url: 'http://r.test/2', host: 'r.test', depth: 0 }]);
    assert.equal((await f.reserveHost('r.test')).waitMs, 0, 'a host nobody asked yet is free');
    const held = await f.reserveHost('r.test');
    assert.ok(held.waitMs > 150, `the next reservation waits the gap (${held.waitMs} ms)`);
    assert.equal((await f.claim(5)).leases.length, 0, 'a lease waits for the same gap');
    const before = lastStart(f, 'r.test');
    await sleep(60);
    // The request reserved above left late: the gap now counts from when it left. The bound allows
    // for however long this process took between the two calls (a loaded machine), but not for the
    // 60 ms by which the reservation came earlier.
    const sentAt = performance.now();
    await f.sent('r.test');
    const after = lastStart(f, 'r.test');
    assert.ok(after - before >= 50, `last start moved ${after - before} ms later`);
    const wait = (await f.claim(5)).waitMs;
    const elapsed = performance.now() - sentAt;
    assert.ok(wait > 0 && wait >= 200 - elapsed - 5, `claims wait a whole gap from the late start (${wait} ms, ${elapsed.toFixed(0)} ms after it)`);
  });

  it('applies a Crawl-delay longer than the delay to every worker', async () => {
    const f = await open({ delayMs: 10, slackMs: 0, perHost: 2 });
    await f.push([{ url: 'http://cd.test/1', host: 'cd.test', depth: 0 }, { url: 'http://cd.test/2', host: 'cd.test', depth: 0 }]);
    await f.setCrawlDelay('cd.test', 400);
    assert.equal((await f.claim(5)).leases.length, 1);
    const again = await f.claim(5);
    assert.equal(again.leases.length, 0);
    assert.ok(again.waitMs > 300, `waits for the Crawl-delay (${again.waitMs} ms)`);
  });

  it('gives an expired lease to the next claimer, and refuses the late result of the old one', async () => {
    const owner = await open({ leaseMs: 150 }, 'owner');
    const w2 = (await RedisFrontier.join(owner.client, owner.config.jobKey, 'w2'))!;
    await owner.push([{ url: 'http://f.test/', host: 'f.test', depth: 0 }]);
    const [dead] = (await owner.claim(1)).leases;
    assert.ok(dead !== undefined);
    assert.equal((await w2.claim(1)).leases.length, 0);
    await sleep(200);
    const [taken] = (await w2.claim(1)).leases;
    assert.equal(taken?.url, 'http://f.test/');
    assert.notEqual(taken.token, dead.token);
    assert.equal(await owner.complete(dead, 'done', 'late'), false, 'the expired lease cannot record');
    assert.equal(await w2.complete(taken, 'done', 'fresh'), true);
    const results = await owner.readResults('owner', 10);
    assert.deepEqual(results.map((r) => r.payload), ['fresh']);
    const t = await owner.totals();
    assert.deepEqual({ reclaimed: t.reclaimed, leased: t.leased, done: t.done }, { reclaimed: 1, leased: 0, done: 1 });
  });

  it('retries a URL later, holds its host for a Retry-After, and counts attempts', async () => {
    const f = await open({ perHost: 2 });
    await f.push([{ url: 'http://g.test/busy', host: 'g.test', depth: 0 }, { url: 'http://g.test/other', host: 'g.test', depth: 1 }]);
    const [busy] = (await f.claim(1)).leases;
    assert.equal(busy?.url, 'http://g.test/busy');
    assert.equal(await f.retry(busy, 1, 100, 300), true);
    assert.equal((await f.claim(5)).leases.length, 0, 'the host is held by Retry-After');
    assert.equal((await f.totals()).retrying, 1);
    await sleep(320);
    const got = (await f.claim(5)).leases;
    assert.deepEqual(got.map((l) => [l.url, l.attempts]).sort(), [['http://g.test/busy', 1], ['http://g.test/other', 0]]);
  });

  it('lets one store owner hold a job, and the next take over once it is released or dead', async () => {
    const client = await connectFrontier(redis!.url);
    clients.push(client);
    const release = await RedisFrontier.claimOwnership(client, 'crawl:owned', 'first', 300);
    assert.ok(release !== null);
    assert.equal(await RedisFrontier.claimOwnership(client, 'crawl:owned', 'second', 300), null, 'a live owner keeps its job');
    await release();
    const second = await RedisFrontier.claimOwnership(client, 'crawl:owned', 'second', 300);
    assert.ok(second !== null, 'released');
    // An owner that dies stops refreshing: its key expires.
    redis!.cli('SET', 'vouch:job:crawl:dead:owner', 'ghost', 'PX', '300');
    const heir = await RedisFrontier.claimOwnership(client, 'crawl:dead', 'heir', 300);
    assert.ok(heir !== null);
    await heir();
    await second();
  });

  it('hands results to the store owner until acknowledged, then deletes them', async () => {
    const f = await open({}, 'owner');
    await f.push([{ url: 'http://h.test/', host: 'h.test', depth: 0 }]);
    const [lease] = (await f.claim(1)).leases;
    await f.complete(lease!, 'failed', 'payload');
    const first = await f.readResults('owner', 10);
    assert.equal(first.length, 1);
    const again = await f.readResults('owner', 10);
    assert.deepEqual(again.map((r) => r.id), first.map((r) => r.id), 'unacknowledged results are read again (a crashed owner)');
    await f.ack(first);
    assert.deepEqual(await f.readResults('owner', 10), []);
    const t = await f.totals();
    assert.deepEqual({ out: t.out, failed: t.failed, leased: t.leased, queued: t.queued }, { out: 0, failed: 1, leased: 0, queued: 0 });
  });
});
