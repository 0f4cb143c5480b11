import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFetcher, hopsOf, RedirectError } from '../../../src/crawl/fetch/index.js';
import type { RedirectHop } from '../../../src/crawl/fetch/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

const ADDRESS = '127.0.0.51';

describe('redirects, followed by hand', () => {
  let server: TestServer;
  let fetcher: ReturnType<typeof createFetcher>;

  before(async () => {
    server = await startTestServer(ADDRESS, (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const url = new URL(req.url ?? '/', `http://${host}`);
      const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
      if (chain) {
        const n = Number(chain[1]);
        if (n === 0) return void res.end('end of chain');
        return void res.writeHead([301, 302, 303, 307, 308][n % 5]!, { location: `/chain/${n - 1}` }).end('moving');
      }
      switch (url.pathname) {
        case '/old': return void res.writeHead(301, { location: 'http://new.test/new#frag' }).end();
        case '/new': return void res.end(`new on ${host}`);
        case '/loop-a': return void res.writeHead(302, { location: '/loop-b' }).end();
        case '/loop-b': return void res.writeHead(302, { location: '/loop-a' }).end();
        case '/self': return void res.writeHead(301, { location: '/self' }).end();
        case '/mailto': return void res.writeHead(302, { location: 'mailto:someone@example.com' }).end();
        case '/no-location': return void res.writeHead(302).end('no location');
        case '/big-redirect-body': return void res.writeHead(301, { location: '/new' }).end('x'.repeat(1_000_000));
        default: return void res.writeHead(404).end('not found');
      }
    });
    fetcher = createFetcher({ resolve: [`*.test=${ADDRESS}:${server.port}`], allowAddresses: [ADDRESS] });
  });

  after(async () => {
    await fetcher.close();
    await server.close();
  });

  it('returns every hop with url, status, Location, next URL and address', async () => {
    const seen: RedirectHop[] = [];
    const r = await fetcher.fetch('http://old.test/old', { onRedirect: (hop) => seen.push(hop) });
    assert.equal(r.status, 200);
    assert.equal(r.finalUrl, 'http://new.test/new');
    assert.equal(r.body.toString(), 'new on new.test');
    assert.deepEqual(r.hops, [{ url: 'http://old.test/old', status: 301, location: 'http://new.test/new#frag', nextUrl: 'http://new.test/new', ip: ADDRESS }]);
    assert.deepEqual(seen, r.hops);
  });

  it('follows 301, 302, 303, 307 and 308 up to maxRedirects (10), and no further', async () => {
    const ten = await fetcher.fetch('http://a.test/chain/10');
    assert.equal(ten.body.toString(), 'end of chain');
    assert.equal(ten.hops.length, 10);
    assert.deepEqual(new Set(ten.hops.map((h) => h.status)), new Set([301, 302, 303, 307, 308]));
    const err = await fetcher.fetch('http://a.test/chain/11').then(() => null, (e: unknown) => e);
    assert.ok(err instanceof RedirectError && err.code === 'TOO_MANY_REDIRECTS');
    assert.equal(err.hops.length, 11);
    const short = await fetcher.fetch('http://a.test/chain/3', { maxRedirects: 2 }).then(() => null, (e: unknown) => e);
    assert.ok(short instanceof RedirectError && short.code === 'TOO_MANY_REDIRECTS');
  });

  it('detects loops, a self-redirect included, keeping the hops', async () => {
    const before = server.requests.length;
    const err = await fetcher.fetch('http://a.test/loop-a').then(() => null, (e: unknown) => e);
    assert.ok(err instanceof RedirectError && err.code === 'REDIRECT_LOOP');
    assert.deepEqual(hopsOf(err).map((h) => h.url), ['http://a.test/loop-a', 'http://a.test/loop-b']);
    assert.equal(server.requests.length - before, 2, 'the loop is caught before asking again');
    await assert.rejects(fetcher.fetch('http://a.test/self'), (e: unknown) => e instanceof RedirectError && e.code === 'REDIRECT_LOOP');
  });

  it('treats a redirect it cannot follow as the final answer', async () => {
    const mail = await fetcher.fetch('http://a.test/mailto');
    assert.equal(mail.status, 302);
    assert.equal(mail.headers.location, 'mailto:someone@example.com');
    const none = await fetcher.fetch('http://a.test/no-location');
    assert.equal(none.status, 302);
    assert.equal(none.body.toString(), 'no location');
  });

  it('drops a large redirect body and goes on', async () => {
    const r = await fetcher.fetch('http://a.test/big-redirect-body');
    assert.equal(r.body.toString(), 'new on a.test');
    assert.equal(r.hops.length, 1);
  });

  it('returns 4xx as a result, not an error', async () => {
    const r = await fetcher.fetch('http://a.test/missing');
    assert.equal(r.status, 404);
    assert.equal(r.body.toString(), 'not found');
  });
});
