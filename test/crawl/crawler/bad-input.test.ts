/**
 * Hostile and broken responses, end to end through the crawler: none stops the crawl; each is
 * recorded on its page with an error code (or, where it is still a page, parsed as far as it goes).
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import type { CrawlOptions } from '../../../src/crawl/crawler/index.js';
import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { TestWeb } from './fixtures/test-web.js';

const MB = 1024 * 1024;
const LONG_PATH = '/x' + 'a'.repeat(10_000);
const PAGES = ['/malformed', '/big', '/bomb', '/bad-gzip', '/loop-a', '/self', '/stall', '/long', '/charset', '/binary', '/err500', '/reset', '/after'];

let web: TestWeb;
const temp = makeTempDir('vouch-crawl-bad-');
let resets = 0;

before(async () => {
  // 10 gzip members of 10 MB of spaces each: about 100 KB on the wire, 100 MB decoded.
  const member = gzipSync(Buffer.alloc(10 * MB, 0x20));
  const bomb = Buffer.concat(Array.from({ length: 10 }, () => member));
  let seed = 7;
  const binary = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff));
  web = await startTestWeb({
    'bad.test': (req, res, path) => {
      switch (path) {
        case '/':
          return html(res, linksPage(PAGES));
        case '/robots.txt':
          return html(res, 'none', 404);
        case '/malformed':
          return html(res, '<html><body><a href="/m1">one</a><div><p><a href="/m2">two</a><table><a href="/m3" rel="nofoll');
        case '/big': {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.write('<html><body><a href="/big-link">first</a>');
          const filler = Buffer.alloc(64 * 1024, 'lorem ipsum ');
          let sent = 0;
          const pump = (): void => {
            while (sent < 50 * MB && !res.destroyed) {
              sent += filler.length;
              if (!res.write(filler)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('error', () => undefined);
          return pump();
        }
        case '/bomb':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          return void res.end(bomb);
        case '/bad-gzip':
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          return void res.end(Buffer.from('this is not gzip at all, not even close'));
        case '/loop-a':
          return html(res, 'moved', 301, { location: '/loop-b' });
        case '/loop-b':
          return html(res, 'moved', 301, { location: '/loop-a' });
        case '/self':
          return html(res, 'moved', 302, { location: '/self' });
        case '/stall':
          res.writeHead(200, { 'content-type': 'text/html' });
          return void res.write('<html><body><a href="/stall-link">never ends');
        case '/long':
          return html(res, linksPage([LONG_PATH, '/after']));
        case '/charset':
          res.writeHead(200, { 'content-type': 'text/html; charset=x-no-such-charset-9' });
          return void res.end('<html><body><a href="/charset-link">caf\xe9</a></body></html>');
        case '/binary':
          res.writeHead(200, { 'content-type': 'text/html' });
          return void res.end(binary);
        case '/err500':
          return html(res, 'oops', 500);
        case '/reset':
          resets++;
          return void req.socket.destroy();
        default:
          return html(res, linksPage([]));
      }
    },
    'cal.test': (_req, res, path) => {
      if (path === '/robots.txt') return html(res, 'none', 404);
      const m = /^\/cal\/(\d+)\/(\d+)$/.exec(path);
      if (path === '/') return html(res, linksPage(['/cal/2024/1']));
      if (m === null) return html(res, 'not found', 404);
      const [year, month] = [Number(m[1]), Number(m[2])];
      const next = month === 12 ? `/cal/${year + 1}/1` : `/cal/${year}/${month + 1}`;
      html(res, linksPage([next]));
    },
  });
});
after(async () => {
  await web.close();
  temp.cleanup();
});

interface Recorded {
  status: number;
  error: string | null;
  outlinks: number;
  bytes: number;
  links: string[];
}

async function crawlInto(name: string, options: Omit<CrawlOptions, 'resolve' | 'allowPrivate'>): Promise<Map<string, Recorded>> {
  const store = await openStore({ dataDir: `${temp.dir}/${name}` });
  try {
    const result = await crawl(store, { resolve: [web.resolve('bad.test'), web.resolve('cal.test')], allowPrivate: true, delayMs: 0, perHost: 4, timeoutMs: 800, retryBaseDelayMs: 20, maxAttempts: 2, ...options });
    assert.equal(result.state, 'done');
    const rows = await store.all<{ url: string; status: number; error: string | null; outlinks: number; bytes: bigint }>(`SELECT url, status, error, outlinks, bytes FROM pages`);
    const links = await store.all<{ src_url: string; dst_url: string }>(`SELECT src_url, dst_url FROM links`);
    const pages = new Map(rows.map((r) => [r.url, { status: r.status, error: r.error, outlinks: r.outlinks, bytes: Number(r.bytes), links: links.filter((l) => l.src_url === r.url).map((l) => l.dst_url) }]));
    return pages;
  } finally {
    await store.close();
  }
}

describe('bad input through the crawler', () => {
  it('records each broken page with its error and goes on', async () => {
    const pages = await crawlInto('bad', { seeds: ['http://bad.test/', 'http://cal.test/'], maxDepth: 8 });
    const page = (path: string, host = 'bad.test'): Recorded => {
      const p = pages.get(`http://${host}${path}`);
      assert.ok(p !== undefined, `${path} recorded`);
      return p;
    };
    const links = (path: string): string[] => page(path).links;
    // Truncated HTML: the links before the cut are there; the tag cut in half is not a link.
    assert.deepEqual([page('/malformed').status, page('/malformed').error, page('/malformed').outlinks], [200, null, 2]);
    assert.deepEqual(links('/malformed').sort(), ['http://bad.test/m1', 'http://bad.test/m2']);
    // 50 MB page: cut at --max-bytes, its first part parsed.
    assert.equal(page('/big').error, 'TOO_LARGE');
    assert.equal(page('/big').bytes, 5 * MB);
    assert.deepEqual(links('/big'), ['http://bad.test/big-link']);
    assert.equal(page('/big-link').status, 200);
    // Gzip bomb: decoding stops at the cap.
    assert.equal(page('/bomb').error, 'TOO_LARGE');
    assert.ok(page('/bomb').bytes <= 5 * MB);
    assert.equal(page('/bad-gzip').error, 'DECODE');
    // Redirect loops end, recorded as such, with their redirect links.
    assert.deepEqual([page('/loop-a').status, page('/loop-a').error], [301, null]);
    assert.deepEqual([page('/loop-b').status, page('/loop-b').error], [301, 'REDIRECT_LOOP']);
    assert.deepEqual(links('/loop-b'), ['http://bad.test/loop-a']);
    assert.deepEqual([page('/self').status, page('/self').error], [302, 'REDIRECT_LOOP']);
    // A server that stalls after the headers times out (twice: one retry).
    assert.deepEqual([page('/stall').status, page('/stall').error], [0, 'TIMEOUT']);
    // A 10,000-character URL is recorded as a link and refused as a fetch.
    assert.ok(links('/long').includes(`http://bad.test${LONG_PATH}`));
    assert.deepEqual([page(LONG_PATH).status, page(LONG_PATH).error], [0, 'INVALID_URL']);
    // An unknown charset label falls back to a default and the page is parsed.
    assert.deepEqual(links('/charset'), ['http://bad.test/charset-link']);
    assert.equal(page('/charset').error, null);
    // Binary bytes served as text/html are not parsed.
    assert.deepEqual([page('/binary').status, page('/binary').error, page('/binary').outlinks], [200, 'NOT_HTML', 0]);
    // 5xx and connection resets are retried, then recorded.
    assert.deepEqual([page('/err500').status, page('/err500').error], [500, 'HTTP_STATUS']);
    assert.deepEqual([page('/reset').status, page('/reset').error], [0, 'NETWORK']);
    assert.equal(resets, 2);
    assert.deepEqual([page('/after').status, page('/after').error], [200, null]);
    // The calendar trap is bounded by --max-depth: / is depth 0, /cal/2024/1 depth 1, ... depth 8.
    const calendar = [...pages.keys()].filter((u) => u.startsWith('http://cal.test/cal/'));
    assert.equal(calendar.length, 8);
  });

  it('bounds a calendar trap with --exclude patterns instead', async () => {
    const pages = await crawlInto('calendar', { seeds: ['http://cal.test/'], exclude: ['*/cal/2025/*', '/\\/cal\\/20[3-9]\\d\\//'] });
    const calendar = [...pages.keys()].filter((u) => u.startsWith('http://cal.test/cal/'));
    assert.equal(calendar.length, 12);
    assert.ok(calendar.every((u) => u.startsWith('http://cal.test/cal/2024/')));
  });
});
