import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NonRetryableError, RetryableError } from '../../../src/core/errors.js';
import { createFetcher, HttpStatusError, parseRetryAfter, retryDelayMs, throwIfRetryableStatus, withRetry } from '../../../src/crawl/fetch/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

const ADDRESS = '127.0.0.71';

/** A seeded generator (mulberry32), so jitter is reproducible. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0, 'a past date means now');
    for (const bad of [null, undefined, '', '-5', '1.5', 'soon', '12abc']) assert.equal(parseRetryAfter(bad, now), null, String(bad));
  });
});

describe('retryDelayMs', () => {
  const err = new RetryableError('NETWORK', 'x');
  it('backs off exponentially with equal jitter, within [d/2, d], capped', () => {
    const o = { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 10 };
    assert.equal(retryDelayMs(1, err, { ...o, random: () => 0 }), 50);
    assert.equal(retryDelayMs(1, err, { ...o, random: () => 0.999999 }), 100);
    assert.equal(retryDelayMs(3, err, { ...o, random: () => 0 }), 200);
    assert.equal(retryDelayMs(9, err, { ...o, random: () => 0 }), 500, 'capped at maxDelayMs');
    const a = [1, 2, 3, 4].map((n) => retryDelayMs(n, err, { ...o, random: seeded(7) }));
    const b = [1, 2, 3, 4].map((n) => retryDelayMs(n, err, { ...o, random: seeded(7) }));
    assert.deepEqual(a, b, 'a seeded random gives the same delays');
  });

  it('honours Retry-After, gives up past maxRetryAfterMs or maxAttempts', () => {
    assert.equal(retryDelayMs(1, new RetryableError('HTTP_STATUS', 'x', { retryAfterMs: 5_000 })), 5_000);
    assert.equal(retryDelayMs(1, new RetryableError('HTTP_STATUS', 'x', { retryAfterMs: 3_600_000 })), null);
    assert.equal(retryDelayMs(3, err, { maxAttempts: 3 }), null);
  });
});

describe('withRetry against a live server', () => {
  let server: TestServer;
  const failuresLeft = new Map<string, number>();

  before(async () => {
    server = await startTestServer(ADDRESS, (req, res) => {
      const left = failuresLeft.get(req.url ?? '') ?? 0;
      if (left > 0) {
        failuresLeft.set(req.url ?? '', left - 1);
        if (req.url === '/busy') return void res.writeHead(429, { 'retry-after': '2' }).end('slow down');
        if (req.url === '/reset') return void req.socket.destroy();
        return void res.writeHead(503).end('try later');
      }
      if (req.url === '/gone') return void res.writeHead(404).end();
      res.end('ok');
    });
  });

  after(() => server.close());

  function run(path: string, maxAttempts = 3) {
    const fetcher = createFetcher({ allowAddresses: [ADDRESS] });
    const waits: number[] = [];
    const done = withRetry(async () => throwIfRetryableStatus(await fetcher.fetch(`${server.origin}${path}`)), {
      maxAttempts, baseDelayMs: 100, random: () => 0.5, sleep: (ms) => (waits.push(ms), Promise.resolve()),
    }).finally(() => fetcher.close());
    return { done, waits };
  }

  it('retries 5xx and network errors with growing delays, then succeeds', async () => {
    failuresLeft.set('/flaky', 2);
    const flaky = run('/flaky');
    assert.equal((await flaky.done).body.toString(), 'ok');
    assert.deepEqual(flaky.waits, [75, 150]);
    failuresLeft.set('/reset', 1);
    const reset = run('/reset');
    assert.equal((await reset.done).status, 200);
    assert.deepEqual(reset.waits, [75]);
  });

  it('waits what 429 Retry-After asks', async () => {
    failuresLeft.set('/busy', 1);
    const busy = run('/busy');
    assert.equal((await busy.done).status, 200);
    assert.deepEqual(busy.waits, [2_000]);
  });

  it('gives up after maxAttempts with the last HttpStatusError, holding the response', async () => {
    failuresLeft.set('/down', 5);
    const down = run('/down', 3);
    const err = await down.done.then(() => null, (e: unknown) => e);
    assert.ok(err instanceof HttpStatusError && err.status === 503 && err.code === 'HTTP_STATUS');
    assert.equal(err.result.body.toString(), 'try later');
    assert.equal(down.waits.length, 2);
  });

  it('does not retry what is not retryable', async () => {
    const gone = run('/gone');
    assert.equal((await gone.done).status, 404);
    let calls = 0;
    await assert.rejects(withRetry(() => {
      calls++;
      return Promise.reject(new NonRetryableError('SSRF_BLOCKED', 'no'));
    }), NonRetryableError);
    assert.equal(calls, 1);
  });
});
