import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../src/core/errors.js';
import { compileUrlPattern, createScopeFilter, crawlJobKey, crawlJobParams, parseScopeList, resolveCrawlOptions } from '../../../src/crawl/crawler/index.js';
import { sitemapLocs } from '../../../src/crawl/crawler/internal/sitemap-locs.js';
import { looksBinary } from '../../../src/crawl/crawler/internal/looks-binary.js';
import { gzipSync } from 'node:zlib';

describe('compileUrlPattern', () => {
  it('globs match the whole URL, * anything, other characters literally', () => {
    const glob = compileUrlPattern('http://a.test/*?page=*');
    assert.equal(glob('http://a.test/list?page=2'), true);
    assert.equal(glob('http://a.test/listXpage=2'), false, '? is literal');
    assert.equal(glob('https://a.test/list?page=2'), false, 'anchored at the start');
    assert.equal(compileUrlPattern('*.pdf')('http://a.test/x.pdf?download'), false, 'anchored at the end');
    assert.equal(compileUrlPattern('*/calendar/*')('http://a.test/calendar/2024/01'), true);
  });

  it('regular expressions as /source/flags or re:source, searched anywhere', () => {
    assert.equal(compileUrlPattern('/\\/cal\\/\\d{4}/')('http://a.test/cal/2024/1'), true);
    assert.equal(compileUrlPattern('/CAL/i')('http://a.test/cal/'), true);
    assert.equal(compileUrlPattern('re:sessionid=')('http://a.test/?sessionid=1'), true);
    assert.equal(compileUrlPattern('re:^https:')('http://a.test/'), false);
  });

  it('a bad regular expression is a configuration error naming the flag', () => {
    assert.throws(() => compileUrlPattern('/[/', '--exclude'), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG' && err.issues[0]?.where === '--exclude');
  });
});

describe('createScopeFilter', () => {
  const seeds = [{ url: 'http://www.shop.test/blog/', host: 'www.shop.test' }];
  it('url, host and domain', () => {
    const url = createScopeFilter('url', seeds);
    assert.equal(url('http://www.shop.test/blog/post', 'www.shop.test'), true);
    assert.equal(url('http://www.shop.test/about', 'www.shop.test'), false);
    const host = createScopeFilter('host', seeds);
    assert.equal(host('http://www.shop.test/about', 'www.shop.test'), true);
    assert.equal(host('http://shop.test/', 'shop.test'), false);
    const domain = createScopeFilter('domain', seeds);
    assert.equal(domain('http://cdn.shop.test/x', 'cdn.shop.test'), true);
    assert.equal(domain('http://shop.test.evil.test/', 'shop.test.evil.test'), false);
  });

  it('list entries match the host and its subdomains, never a mere suffix', () => {
    const entries = parseScopeList('# partners\n  Example.TEST.  \n*.b.test\n.c.test\nhttp://d.test:8080/path\n\n');
    assert.deepEqual(entries, ['example.test', 'b.test', 'c.test', 'd.test']);
    const list = createScopeFilter({ list: entries }, seeds);
    assert.equal(list('', 'example.test'), true);
    assert.equal(list('', 'www.example.test'), true);
    assert.equal(list('', 'badexample.test'), false);
    assert.equal(list('', 'b.test'), true);
    assert.equal(list('', 'd.test'), true);
    assert.equal(list('', 'www.shop.test'), false);
  });
});

describe('crawlJobKey', () => {
  const key = (options: Parameters<typeof resolveCrawlOptions>[0]): string => crawlJobKey(crawlJobParams(resolveCrawlOptions(options), options.seeds));
  it('is the same for the same crawl however fast it runs, and differs when what it collects differs', () => {
    const base = key({ seeds: ['http://a.test/', 'http://b.test/'] });
    assert.equal(key({ seeds: ['http://b.test/', 'http://a.test/'], concurrency: 64, perHost: 8, delayMs: 0, resolve: ['a.test=127.0.0.2:9'] }), base);
    assert.notEqual(key({ seeds: ['http://a.test/'] }), base);
    assert.notEqual(key({ seeds: ['http://a.test/', 'http://b.test/'], maxPages: 10 }), base);
    assert.notEqual(key({ seeds: ['http://a.test/', 'http://b.test/'], scope: 'domain' }), base);
    assert.notEqual(key({ seeds: ['http://a.test/', 'http://b.test/'], exclude: ['*x*'] }), base);
    assert.match(base, /^crawl:[0-9a-f]{32}$/);
  });
});

describe('sitemapLocs', () => {
  it('reads urlsets, indexes, gzip and text sitemaps, entities decoded', () => {
    const urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> http://a.test/?a=1&amp;b=2 </loc><lastmod>2024</lastmod></url><url><loc>http://a.test/2</loc></url></urlset>';
    assert.deepEqual(sitemapLocs(Buffer.from(urlset)), { kind: 'urlset', locs: ['http://a.test/?a=1&b=2', 'http://a.test/2'], problem: null });
    const index = '<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:sitemap><sm:loc>http://a.test/s1.xml</sm:loc></sm:sitemap></sm:sitemapindex>';
    assert.deepEqual(sitemapLocs(Buffer.from(index)), { kind: 'index', locs: ['http://a.test/s1.xml'], problem: null });
    assert.deepEqual(sitemapLocs(gzipSync(urlset)).locs.length, 2);
    assert.deepEqual(sitemapLocs(Buffer.from('http://a.test/1\r\n# no\nftp://x\nhttps://a.test/2\n')), { kind: 'text', locs: ['http://a.test/1', 'https://a.test/2'], problem: null });
  });

  it('is bounded: URL cap, decoded-size cap, broken gzip, broken XML', () => {
    const many = `<urlset>${Array.from({ length: 20 }, (_, i) => `<url><loc>http://a.test/${i}</loc></url>`).join('')}</urlset>`;
    assert.deepEqual(sitemapLocs(Buffer.from(many), { maxUrls: 5 }).problem, 'too-many-urls');
    assert.equal(sitemapLocs(Buffer.from(many), { maxUrls: 5 }).locs.length, 5);
    assert.equal(sitemapLocs(gzipSync(Buffer.alloc(1_000_000, 0x20)), { maxDecodedBytes: 1000 }).problem, 'too-large');
    assert.equal(sitemapLocs(Buffer.from([0x1f, 0x8b, 1, 2, 3])).problem, 'bad-gzip');
    assert.deepEqual(sitemapLocs(Buffer.from('<urlset><url><loc>http://a.test/1</loc><url><loc>http://a.te')).locs, ['http://a.test/1']);
  });
});

describe('looksBinary', () => {
  it('tells binary from text, UTF-16 included', () => {
    assert.equal(looksBinary(Buffer.from('<html>caf\u00e9</html>')), false);
    assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), true);
    assert.equal(looksBinary(Buffer.from('\ufeff<html></html>', 'utf16le')), false);
    assert.equal(looksBinary(Buffer.alloc(0)), false);
  });
});
