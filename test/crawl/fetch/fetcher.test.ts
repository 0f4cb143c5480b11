import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { NonRetryableError, RetryableError } from '../../../src/core/errors.js';
import { createFetcher, DEFAULT_USER_AGENT, isHtml } from '../../../src/crawl/fetch/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

const A = '127.0.0.31';
const B = '127.0.0.32';

describe('createFetcher: requests, resolve map, keep-alive, bad input', () => {
  let a: TestServer;
  let b: TestServer;

  before(async () => {
    const handler = (name: string) => (req: IncomingMessage, res: ServerResponse): void => {
      if (req.url === '/binary') {
        const bytes = Buffer.alloc(4096);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131) & 0xff;
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(bytes);
      }
      if (req.url === '/no-type') return void res.end('<!DOCTYPE html><title>x</title>');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-server': name, 'set-cookie': ['a=1', 'b=2'] });
      res.end(`<p>${name} ${req.headers.host} ${req.url}</p>`);
    };
    a = await startTestServer(A, handler('a'));
    b = await startTestServer(B, handler('b'));
  });

  after(async () => {
    await a.close();
    await b.close();
  });

  it('GETs a page with our User-Agent, Accept-Encoding and the URL host as Host', async () => {
    const fetcher = createFetcher({ allowAddresses: [A] });
    const r = await fetcher.fetch(`${a.origin}/page?q=1#frag`);
    await fetcher.close();
    assert.equal(r.status, 200);
    assert.equal(r.url, `${a.origin}/page?q=1`);
    assert.equal(r.finalUrl, r.url);
    assert.equal(r.ip, A);
    assert.equal(r.body.toString(), `<p>a ${A}:${a.port} /page?q=1</p>`);
    assert.equal(r.bytes, r.body.length);
    assert.equal(r.truncated, false);
    assert.equal(r.contentType, 'text/html; charset=utf-8');
    assert.equal(r.headers['set-cookie'], 'a=1, b=2');
    assert.deepEqual(r.hops, []);
    assert.ok(r.timings.totalMs >= r.timings.headersMs && r.timings.startedAt > 0);
    const sent = a.requests.at(-1)!;
    assert.equal(sent.headers['user-agent'], DEFAULT_USER_AGENT);
    assert.equal(sent.headers['accept-encoding'], 'gzip, deflate, br');
    assert.match(DEFAULT_USER_AGENT, /^Vouch\/[\d.]+ \(\+https:\/\/github\.com\/vouch-seo\/vouch\)$/);
  });

  it('routes host names by the resolve map: wildcard, exact rule first, port override, Host kept', async () => {
    const fetcher = createFetcher({ resolve: [`*.test=${A}:${a.port}`, `special.test=${B}:${b.port}`], allowAddresses: [A, B] });
    const viaWildcard = await fetcher.fetch('http://shop.test/x');
    const exact = await fetcher.fetch('http://special.test/y');
    const withPort = await fetcher.fetch('http://blog.test:8080/z');
    await fetcher.close();
    assert.equal(viaWildcard.body.toString(), '<p>a shop.test /x</p>');
    assert.equal(viaWildcard.ip, A);
    assert.equal(exact.body.toString(), '<p>b special.test /y</p>');
    assert.equal(exact.ip, B);
    assert.equal(withPort.body.toString(), '<p>a blog.test:8080 /z</p>', 'the port goes to Host, the connection to the override');
  });

  it('keeps connections alive across requests, also across host names on one address', async () => {
    const fetcher = createFetcher({ resolve: [`*.test=${A}:${a.port}`], allowAddresses: [A] });
    const first = a.requests.length;
    for (let i = 0; i < 6; i++) await fetcher.fetch(`http://${i % 2 ? 'one' : 'two'}.test/${i}`);
    await fetcher.close();
    // undici's pool may alternate between two idle connections, but it does not open one per request.
    const ports = new Set(a.requests.slice(first).map((r) => r.socketPort));
    assert.ok(ports.size <= 2, `${ports.size} connections for 6 requests`);
  });

  it('sends HEAD without reading a body', async () => {
    const fetcher = createFetcher({ allowAddresses: [A] });
    const r = await fetcher.fetch(`${a.origin}/head`, { method: 'HEAD' });
    await fetcher.close();
    assert.equal(r.status, 200);
    assert.equal(r.bytes, 0);
    assert.equal(a.requests.at(-1)!.method, 'HEAD');
  });

  it('returns binary served as text/html byte for byte, and sniffs HTML when Content-Type is missing', async () => {
    const fetcher = createFetcher({ allowAddresses: [A] });
    const bin = await fetcher.fetch(`${a.origin}/binary`);
    const untyped = await fetcher.fetch(`${a.origin}/no-type`);
    await fetcher.close();
    assert.equal(bin.bytes, 4096);
    assert.equal(bin.body[131], (131 * 131) & 0xff);
    assert.equal(untyped.contentType, null);
    assert.equal(isHtml(untyped.contentType, untyped.body), true);
    assert.equal(isHtml(null, bin.body), false);
  });

  it('refuses a 10,000-character URL unless maxUrlLength allows it', async () => {
    const long = `${a.origin}/${'x'.repeat(10_000)}`;
    const fetcher = createFetcher({ allowAddresses: [A] });
    await assert.rejects(fetcher.fetch(long), (e: unknown) => e instanceof NonRetryableError && e.code === 'INVALID_URL');
    await fetcher.close();
    const lenient = createFetcher({ allowAddresses: [A], maxUrlLength: 20_000 });
    const r = await lenient.fetch(long);
    await lenient.close();
    assert.equal(r.status, 200);
    assert.equal(a.requests.at(-1)!.url.length, 10_001);
  });

  it('refuses what is not an http(s) URL', async () => {
    const fetcher = createFetcher();
    for (const bad of ['not a url', 'ftp://a.test/x', 'javascript:alert(1)', 'file:///etc/passwd', '']) {
      await assert.rejects(fetcher.fetch(bad), (e: unknown) => e instanceof NonRetryableError && e.code === 'INVALID_URL', bad);
    }
    await fetcher.close();
  });

  it('classifies connection refused as retryable and an unknown host as not', async () => {
    const closed = await startTestServer(A, () => undefined);
    await closed.close();
    const fetcher = createFetcher({
      allowAddresses: [A],
      lookup: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
    });
    await assert.rejects(fetcher.fetch(`http://${A}:${closed.port}/`), (e: unknown) => e instanceof RetryableError && e.code === 'NETWORK');
    await assert.rejects(fetcher.fetch('http://nowhere.invalid/'), (e: unknown) => e instanceof NonRetryableError && e.code === 'NETWORK');
    await fetcher.close();
  });

  it('stops when the caller aborts', async () => {
    const fetcher = createFetcher({ allowAddresses: [A] });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(fetcher.fetch(`${a.origin}/`, { signal: controller.signal }), /stop/);
    await fetcher.close();
  });
});
