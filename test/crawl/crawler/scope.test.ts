/**
 * What a crawl follows: --scope url|host|domain|list, --include/--exclude, --max-pages,
 * --max-depth, and --sitemaps (URLs only a sitemap names).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../../src/crawl/crawler/index.js';
import type { CrawlOptions } from '../../../src/crawl/crawler/index.js';
import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { Handler, TestWeb } from './fixtures/test-web.js';

let web: TestWeb;
const temp = makeTempDir('vouch-crawl-scope-');
const HOSTS = ['www.a.test', 'blog.a.test', 'b.test', 'c.test', 's.test', 'a.test', 'r.test'];

const sitemapXml = (locs: string[], index = false): string =>
  index
    ? `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join('')}</sitemapindex>`
    : `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`;

before(async () => {
  const plain: Handler = (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : html(res, linksPage(['/'])));
  web = await startTestWeb({
    'www.a.test': (_req, res, p) => {
      if (p === '/robots.txt') return html(res, 'none', 404);
      if (p === '/') return html(res, linksPage(['/docs/', '/docs/x', '/other', 'http://blog.a.test/', 'http://b.test/', 'http://c.test/']));
      if (p === '/docs/') return html(res, linksPage(['/docs/deep/1']));
      if (p.startsWith('/docs/deep/')) return html(res, linksPage([`/docs/deep/${Number(p.slice(11)) + 1}`]));
      html(res, linksPage(['/']));
    },
    'blog.a.test': plain,
    // The bare domain redirects to www, over a second hop.
    'a.test': (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : html(res, 'moved', 301, { location: `http://r.test${p}` })),
    'r.test': (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : html(res, 'moved', 302, { location: `http://www.a.test${p}` })),
    'b.test': plain,
    'c.test': plain,
    's.test': (_req, res, p) => {
      if (p === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n\nSitemap: http://s.test/sitemap_index.xml\nSitemap: /relative-sitemap.txt\n');
      if (p === '/sitemap_index.xml') return void res.writeHead(200, { 'content-type': 'application/xml' }).end(sitemapXml(['http://s.test/sitemap-1.xml', 'http://s.test/sitemap-2.xml.gz'], true));
      if (p === '/sitemap-1.xml') return void res.writeHead(200, { 'content-type': 'application/xml' }).end(sitemapXml(['http://s.test/orphan1', 'http://s.test/orphan2?x=1&amp;y=2', 'http://s.test/private/p', 'http://c.test/elsewhere']));
      if (p === '/sitemap-2.xml.gz') return void res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(sitemapXml(['http://s.test/orphan3'])));
      if (p === '/relative-sitemap.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('http://s.test/orphan4\nnot a url\n');
      html(res, linksPage(['/']));
    },
  });
});
after(async () => {
  await web.close();
  temp.cleanup();
});

let n = 0;
/** The URLs a crawl recorded, without the seed's robots.txt noise. */
async function crawled(options: Omit<CrawlOptions, 'resolve' | 'allowPrivate' | 'delayMs'>): Promise<string[]> {
  const store = await openStore({ dataDir: path.join(temp.dir, `run-${n++}`) });
  try {
    const result = await crawl(store, { resolve: HOSTS.map((h) => web.resolve(h)), allowPrivate: true, delayMs: 0, ...options });
    assert.equal(result.state, 'done');
    return (await store.all<{ url: string }>(`SELECT url FROM pages ORDER BY url`)).map((r) => r.url);
  } finally {
    await store.close();
  }
}

describe('crawl scope', () => {
  it('--scope url follows only URLs under a seed URL', async () => {
    assert.deepEqual(await crawled({ seeds: ['http://www.a.test/docs/'], scope: 'url', maxDepth: 2 }), [
      'http://www.a.test/docs/',
      'http://www.a.test/docs/deep/1',
      'http://www.a.test/docs/deep/2',
    ]);
  });

  it('--scope host, domain and list', async () => {
    const www = ['http://www.a.test/', 'http://www.a.test/docs/', 'http://www.a.test/docs/x', 'http://www.a.test/other'];
    assert.deepEqual(await crawled({ seeds: ['http://www.a.test/'], scope: 'host', maxDepth: 1 }), www);
    assert.deepEqual(await crawled({ seeds: ['http://www.a.test/'], scope: 'domain', maxDepth: 1 }), ['http://blog.a.test/', ...www]);
    const { parseScopeList } = await import('../../../src/crawl/crawler/index.js');
    assert.deepEqual(await crawled({ seeds: ['http://www.a.test/'], scope: { list: parseScopeList('# partners\nb.test\n*.a.test\n') }, maxDepth: 1 }), ['http://b.test/', 'http://blog.a.test/', ...www]);
  });

  it('a seed that redirects widens the scope to where it lands', async () => {
    assert.deepEqual(await crawled({ seeds: ['http://a.test/'], scope: 'host', maxDepth: 3 }), [
      'http://a.test/',
      'http://r.test/',
      'http://www.a.test/',
      'http://www.a.test/docs/',
      'http://www.a.test/docs/x',
      'http://www.a.test/other',
    ]);
  });

  it('--include, --exclude, --max-pages and --max-depth', async () => {
    assert.deepEqual(await crawled({ seeds: ['http://www.a.test/'], include: ['*/docs/*'], exclude: ['re:/deep/[2-9]'] }), [
      'http://www.a.test/',
      'http://www.a.test/docs/',
      'http://www.a.test/docs/deep/1',
      'http://www.a.test/docs/x',
    ]);
    assert.equal((await crawled({ seeds: ['http://www.a.test/'], maxPages: 3 })).length, 3);
    assert.deepEqual(await crawled({ seeds: ['http://www.a.test/', 'http://b.test/'], maxDepth: 0 }), ['http://b.test/', 'http://www.a.test/']);
  });

  it('--sitemaps seeds the crawl from the sitemaps robots.txt lists (indexes, gzip, text), in scope and allowed', async () => {
    assert.deepEqual(await crawled({ seeds: ['http://s.test/'] }), ['http://s.test/']);
    assert.deepEqual(await crawled({ seeds: ['http://s.test/'], sitemaps: true }), [
      'http://s.test/',
      'http://s.test/orphan1',
      'http://s.test/orphan2?x=1&y=2',
      'http://s.test/orphan3',
      'http://s.test/orphan4',
      'http://s.test/private/p',
    ]);
  });
});
