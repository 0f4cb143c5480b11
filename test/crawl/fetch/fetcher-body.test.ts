import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { NonRetryableError, RetryableError } from '../../../src/core/errors.js';
import { createFetcher } from '../../../src/crawl/fetch/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

const ADDRESS = '127.0.0.61';
const PAGE = Buffer.from('<!doctype html><title>compressed</title>' + '<p>hello, world</p>'.repeat(500));
const MB = 1024 * 1024;

/** Write `total` bytes in 64 KiB chunks, minding backpressure; returns how many were handed to the socket. */
async function stream(res: ServerResponse, total: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  while (sent < total && !res.destroyed) {
    const ok = res.write(chunk);
    sent += chunk.length;
    if (!ok) await new Promise((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
  }
  if (!res.destroyed) res.end();
  return sent;
}

describe('createFetcher: bodies, decompression, caps and timeouts', () => {
  let server: TestServer;
  let fetcher: ReturnType<typeof createFetcher>;
  let bigPageSent: Promise<number> = Promise.resolve(0);
  const bomb = Buffer.concat(Array.from({ length: 10 }, () => zlib.gzipSync(Buffer.alloc(10 * MB))));

  before(async () => {
    server = await startTestServer(ADDRESS, (req, res) => {
      const send = (encoding: string, body: Buffer): void => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding }).end(body);
      switch (req.url) {
        case '/gzip': return send('gzip', zlib.gzipSync(PAGE));
        case '/x-gzip': return send('x-gzip', zlib.gzipSync(PAGE));
        case '/deflate': return send('deflate', zlib.deflateSync(PAGE));
        case '/deflate-raw': return send('deflate', zlib.deflateRawSync(PAGE));
        case '/br': return send('br', zlib.brotliCompressSync(PAGE));
        case '/gzip-then-br': return send('gzip, br', zlib.brotliCompressSync(zlib.gzipSync(PAGE)));
        case '/corrupt-gzip': return send('gzip', Buffer.concat([zlib.gzipSync(PAGE).subarray(0, 10), Buffer.from('this is not deflate data at all')]));
        case '/cut-gzip': return send('gzip', zlib.gzipSync(PAGE).subarray(0, 200));
        case '/zstd': return send('zstd', PAGE);
        case '/bomb': return send('gzip', bomb);
        case '/exact': return void res.end(Buffer.alloc(1000, 'b'));
        case '/50mb':
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MB) });
          bigPageSent = stream(res, 50 * MB);
          return;
        case '/stall-after-headers':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<html><body>first bytes, then silence');
          return;
        case '/no-headers': return;
        case '/drip': {
          res.writeHead(200, { 'content-type': 'text/html' });
          const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('.')), 20);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/bad-chunked':
          res.socket!.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZZ\r\nnot a chunk\r\n0\r\n\r\n');
          return;
        case '/reset-mid-body':
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
          res.write(Buffer.alloc(30_000, 'c'), () => res.socket?.resetAndDestroy());
          return;
        default: return void res.writeHead(404).end();
      }
    });
    fetcher = createFetcher({ allowAddresses: [ADDRESS] });
  });

  after(async () => {
    await fetcher.close();
    await server.close();
  });

  it('decodes gzip, x-gzip, deflate (zlib and raw), br and chained encodings', async () => {
    for (const path of ['/gzip', '/x-gzip', '/deflate', '/deflate-raw', '/br', '/gzip-then-br']) {
      const r = await fetcher.fetch(`${server.origin}${path}`);
      assert.equal(r.body.equals(PAGE), true, path);
      assert.equal(r.bytes, PAGE.length, path);
      assert.ok(r.wireBytes < PAGE.length / 5, `${path}: ${r.wireBytes} bytes on the wire`);
      assert.equal(r.truncated, false);
    }
  });

  it('refuses corrupt compressed data and unknown encodings (DECODE), but keeps what a cut gzip stream held', async () => {
    await assert.rejects(fetcher.fetch(`${server.origin}/corrupt-gzip`), (e: unknown) => e instanceof NonRetryableError && e.code === 'DECODE');
    await assert.rejects(fetcher.fetch(`${server.origin}/zstd`), (e: unknown) => e instanceof NonRetryableError && e.code === 'DECODE');
    const cut = await fetcher.fetch(`${server.origin}/cut-gzip`);
    assert.ok(cut.bytes > 0 && PAGE.subarray(0, cut.bytes).equals(cut.body));
  });

  it('cuts a 50 MB page at maxBytes, marks it truncated and stops downloading', async () => {
    const r = await fetcher.fetch(`${server.origin}/50mb`);
    assert.equal(r.truncated, true);
    assert.equal(r.bytes, 5 * MB);
    assert.equal(r.body.length, 5 * MB);
    const sent = await bigPageSent;
    assert.ok(sent < 25 * MB, `server wrote ${sent} bytes before the client hung up`);
  });

  it('cuts a gzip bomb (100 MB from 100 KB) at maxBytes of DECODED data', async () => {
    const r = await fetcher.fetch(`${server.origin}/bomb`, { maxBytes: 2 * MB });
    assert.equal(r.truncated, true);
    assert.equal(r.bytes, 2 * MB);
    assert.ok(r.body.every((b) => b === 0));
    assert.ok(r.wireBytes <= bomb.length);
  });

  it('does not call a body of exactly maxBytes truncated', async () => {
    const r = await fetcher.fetch(`${server.origin}/exact`, { maxBytes: 1000 });
    assert.equal(r.truncated, false);
    assert.equal(r.bytes, 1000);
    const over = await fetcher.fetch(`${server.origin}/exact`, { maxBytes: 999 });
    assert.equal(over.truncated, true);
    assert.equal(over.bytes, 999);
  });

  it('times out (TIMEOUT, retryable) a server that stalls after the headers, sends no headers, or drips forever', async () => {
    const quick = createFetcher({ allowAddresses: [ADDRESS], bodyTimeoutMs: 200, headersTimeoutMs: 200, totalTimeoutMs: 5_000 });
    const isTimeout = (e: unknown): boolean => e instanceof RetryableError && e.code === 'TIMEOUT';
    await assert.rejects(quick.fetch(`${server.origin}/stall-after-headers`), isTimeout);
    await assert.rejects(quick.fetch(`${server.origin}/no-headers`), isTimeout);
    await quick.close();
    const total = createFetcher({ allowAddresses: [ADDRESS], bodyTimeoutMs: 5_000, totalTimeoutMs: 300 });
    await assert.rejects(total.fetch(`${server.origin}/drip`), isTimeout);
    await total.close();
  });

  it('rejects invalid chunked encoding (not retryable) and a connection reset mid-body (retryable)', async () => {
    await assert.rejects(fetcher.fetch(`${server.origin}/bad-chunked`), (e: unknown) => e instanceof NonRetryableError && e.code === 'NETWORK');
    await assert.rejects(fetcher.fetch(`${server.origin}/reset-mid-body`), (e: unknown) => e instanceof RetryableError && e.code === 'NETWORK');
    // The fetcher is still usable afterwards.
    assert.equal((await fetcher.fetch(`${server.origin}/gzip`)).status, 200);
  });
});
