import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createFetcher } from '../../../src/crawl/fetch/create-fetcher.js';
import { DispatchGuard, STALE } from '../../../src/crawl/distributed/internal/dispatch-guard.js';

describe('dispatch guard', () => {
  let server: http.Server;
  let base = '';
  const arrivals: string[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      arrivals.push(req.url ?? '');
      setTimeout(() => res.end('<html></html>'), 150);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends one request to a URL at a time, and stops the second when its reservation aged while it waited', async () => {
    const sent: string[] = [];
    const guard = new DispatchGuard((host) => sent.push(host));
    const fetcher = createFetcher({ allowPrivate: true, totalTimeoutMs: 5_000 });
    guard.open();
    try {
      arrivals.length = 0;
      const url = `${base}/robots.txt`;
      const now = performance.now();
      const [first, second] = await Promise.all([
        guard.run(url, now, 60, () => fetcher.fetch(url)),
        guard.run(url, now, 60, () => fetcher.fetch(url)),
      ]);
      assert.notEqual(first, STALE);
      assert.equal(second, STALE, 'the second waited for the first (150 ms), past its 60 ms');
      assert.deepEqual(arrivals, ['/robots.txt'], 'only the fresh request reached the server');
      assert.deepEqual(sent, ['127.0.0.1']);
      // A fresh reservation afterwards goes out.
      const third = await guard.run(url, performance.now(), 60, () => fetcher.fetch(url));
      assert.notEqual(third, STALE);
      assert.equal(arrivals.length, 2);
    } finally {
      guard.close();
      await fetcher.close();
    }
  });
});
