import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { startDemoServer, type DemoServer } from '../../src/demo/index.js';

const SMALL = { seed: 9, sites: 20, pages: 200 } as const;

/** A raw GET to an address and port with a chosen Host header. */
function rawGet(ip: string, port: number, host: string, path = '/', method = 'GET'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: ip, port, path, method, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startDemoServer', () => {
  let server: DemoServer;
  before(async () => {
    server = await startDemoServer({ ...SMALL, logRequests: true });
  });
  after(() => server.close());

  it('listens on several 127.0.0.x addresses on one port and gives resolve arguments for every host', async () => {
    assert.ok(server.addresses.length >= 4, server.addresses.join(','));
    assert.ok(server.port > 0);
    for (const s of server.truth.sites) assert.ok(server.resolveArgs.includes(`${s.host}=${s.ip}:${server.port}`), s.host);
    for (const arg of server.resolveArgs) assert.match(arg, /^[a-z0-9.-]+\.test=127\.0\.0\.\d+:\d+$/);
    assert.equal(server.urlFor('www.acme-shop.test', '/about'), `http://www.acme-shop.test:${server.port}/about`);
    for (const ip of server.addresses) {
      const site = server.truth.sites.find((s) => s.ip === ip);
      if (!site) continue;
      const res = await rawGet(ip, server.port, site.host, '/robots.txt');
      assert.notEqual(res.status, 421, `${site.host} on ${ip}`);
    }
  });

  it('routes by Host header: the same address serves different sites, with the port in Host ignored', async () => {
    const pbn = server.truth.sites.filter((s) => s.role === 'pbn');
    const [a, b] = [await rawGet(pbn[0]!.ip, server.port, `${pbn[0]!.host}:${server.port}`), await rawGet(pbn[1]!.ip, server.port, pbn[1]!.host)];
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(a.body, b.body);
    assert.match(a.body, new RegExp(`<title>${pbn[0]!.name}</title>`));
  });

  it('answers 421 when a host is asked on an address it is not served on, and 404 for an unknown host', async () => {
    const target = server.truth.sites.find((s) => s.host === 'www.acme-shop.test')!;
    const other = server.addresses.find((ip) => ip !== target.ip)!;
    assert.equal((await rawGet(other, server.port, target.host)).status, 421);
    assert.equal((await rawGet(target.ip, server.port, 'nowhere.test')).status, 404);
    assert.equal((await rawGet(target.ip, server.port, target.host, '/no-such-page')).status, 404);
  });

  it('answers HEAD without a body, and 405 to other methods', async () => {
    const head = await rawGet('127.0.0.2', server.port, 'www.acme-shop.test', '/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.ok(Number(head.headers['content-length']) > 100);
    assert.equal((await rawGet('127.0.0.2', server.port, 'www.acme-shop.test', '/', 'POST')).status, 405);
  });

  it('answers 500 for robots.txt on one host, 404 on others, and serves robots rules and sitemaps', async () => {
    const five = server.truth.robots.filter((r) => r.status === 500);
    assert.equal(five.length, 1);
    assert.equal((await server.get(five[0]!.url)).status, 500);
    const missing = server.truth.robots.find((r) => r.status === 404)!;
    assert.equal((await server.get(missing.url)).status, 404);
    const rules = await server.get('http://www.acme-shop.test/robots.txt');
    assert.match(rules.body.toString(), /Disallow: \/cart/);
    const sitemap = await server.get('http://www.acme-shop.test/sitemap.xml');
    assert.match(sitemap.body.toString(), /<loc>http:\/\/www\.acme-shop\.test\/<\/loc>/);
  });

  it('redirects every URL of the expired domain and of the bare target host, known or not', async () => {
    const expired = server.truth.sites.find((s) => s.role === 'expired')!;
    const known = await server.get(`http://${expired.host}/`);
    const unknown = await server.get(`http://${expired.host}/anything/at/all`);
    assert.deepEqual([known.status, known.headers.location], [301, 'http://www.acme-shop.test/']);
    assert.deepEqual([unknown.status, unknown.headers.location], [301, 'http://www.acme-shop.test/']);
    const bare = await server.get('http://acme-shop.test/p/x?y=1');
    assert.deepEqual([bare.status, bare.headers.location], [301, 'http://www.acme-shop.test/p/x?y=1']);
  });

  it('delays every answer of the slow host', async () => {
    const slow = server.web.sites.find((s) => s.delayMs > 0)!;
    const t0 = performance.now();
    const res = await server.get(`http://${slow.host}/`);
    assert.equal(res.status, 200);
    // A lower bound only: the server adds the delay, the machine can only add more.
    assert.ok(performance.now() - t0 >= slow.delayMs - 5);
  });

  it('counts and logs requests per host', async () => {
    const before = server.requestCount('www.acme-shop.test');
    await server.get('http://www.acme-shop.test/about');
    assert.equal(server.requestCount('www.acme-shop.test'), before + 1);
    const last = server.requestLog.at(-1)!;
    assert.deepEqual([last.host, last.path, last.status, last.ip], ['www.acme-shop.test', '/about', 200, '127.0.0.2']);
    assert.ok(server.requestCount() >= server.requestCount('www.acme-shop.test'));
  });

  it('switches to day 2 live, and back', async () => {
    const deleted = () => server.truth.diff?.pages.find((p) => p.change === 'deleted-404')?.url;
    assert.equal(server.day, 1);
    server.setDay(2);
    assert.equal(server.day, 2);
    const url = deleted();
    assert.ok(url);
    assert.equal((await server.get(url)).status, 404);
    const newPbn = server.truth.sites.find((s) => s.role === 'pbn' && server.truth.diff?.pages.some((p) => p.change === 'added' && p.url === `http://${s.host}/`));
    assert.ok(newPbn);
    assert.equal((await server.get(`http://${newPbn.host}/`)).status, 200);
    server.setDay(1);
    assert.equal((await server.get(url)).status, 200);
    assert.equal((await rawGet(newPbn.ip, server.port, newPbn.host)).status, 404, 'the new PBN site does not exist on day 1');
  });
});

describe('startDemoServer options', () => {
  it('reuses an explicit port on every address, and fails when that port is taken', async () => {
    const first = await startDemoServer(SMALL);
    try {
      await assert.rejects(startDemoServer({ ...SMALL, port: first.port }), (err: NodeJS.ErrnoException) => err.code === 'EADDRINUSE');
    } finally {
      await first.close();
    }
    const again = await startDemoServer({ ...SMALL, port: first.port });
    assert.equal(again.port, first.port);
    await again.close();
  });

  it('rejects a bad port with a ValidationError', async () => {
    await assert.rejects(startDemoServer({ ...SMALL, port: 70000 }), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_INPUT');
  });
});
