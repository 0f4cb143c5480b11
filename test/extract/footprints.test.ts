/**
 * Page footprints (the contract shared by audit and prospecting): visible text, word count,
 * tracking ids, template hash and mailto addresses, as the extractor reads them and as the page
 * writer stores them (migration 004 columns).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PageRecord } from '../../src/core/types.js';
import { extractLinks } from '../../src/extract/index.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const page = (body: string, head = ''): ReturnType<typeof extractLinks>['page'] =>
  extractLinks(Buffer.from(`<!doctype html><html><head><title>Title words</title>${head}</head><body>${body}</body></html>`), { url: 'http://page.test/' }).page;

describe('page footprints', () => {
  it('keeps visible body text only, whitespace collapsed', () => {
    const p = page('<h1>Big  news</h1><script>var hidden = 1;</script><style>.x{}</style><noscript>enable js</noscript><template><p>later</p></template><p>Read <b>mo</b>re\n\there</p>');
    assert.equal(p.text, 'Big news Read more here');
    assert.equal(p.wordCount, 5);
  });

  it('cuts the text at 20,000 characters but counts every word', () => {
    const p = page(`<p>${'word '.repeat(10_000)}</p>`);
    assert.equal(p.text.length <= 20_000, true);
    assert.ok(p.text.length > 19_990);
    assert.equal(p.wordCount, 10_000);
  });

  it('finds analytics, tag manager and AdSense ids in scripts and attributes, normalised', () => {
    const p = page(
      '<ins class="adsbygoogle" data-ad-client="CA-PUB-1234567890123456"></ins><iframe src="https://www.googletagmanager.example/ns.html?id=gtm-ab12cd"></iframe>',
      `<script async src="https://gtag.example/js?id=g-abc123xyz"></script><script>ga('create', 'UA-98765-4', 'auto'); gtag('config', 'G-ABC123XYZ');</script>`,
    );
    assert.deepEqual(p.trackingIds, ['G-ABC123XYZ', 'GTM-AB12CD', 'UA-98765-4', 'ca-pub-1234567890123456']);
    assert.deepEqual(page('<p>No ids, only UA-1 and G-12.</p>').trackingIds, []);
  });

  it('hashes the tag/class skeleton: same template with other text agrees, another template differs', () => {
    const shell = (text: string, cls: string): string => `<div class="${cls} wrap"><header><a href="/">Home</a></header><main><article><p>${text}</p><p>${text}</p></article></main></div>`;
    const a = page(shell('first story about widgets', 'theme'));
    const b = page(shell('a different story entirely, longer', 'theme'));
    const c = page(shell('first story about widgets', 'other'));
    assert.match(a.templateHash, /^[0-9a-f]{16}$/);
    assert.equal(a.templateHash, b.templateHash);
    assert.notEqual(a.templateHash, c.templateHash);
    assert.equal(page(shell('x', 'wrap theme')).templateHash, a.templateHash, 'class order does not matter');
  });

  it('collects mailto addresses, lower-cased, deduped, at most 20', () => {
    const links = Array.from({ length: 25 }, (_, i) => `<a href="mailto:User${i}@Shop.test?subject=hi">m</a>`).join('');
    const p = page(`<a href="MAILTO:Info@Shop.TEST">a</a><a href="mailto:info@shop.test">b</a><a href="mailto:a%40b.test,c@d.test">c</a>${links}`);
    assert.deepEqual(p.mailtos.slice(0, 3), ['info@shop.test', 'a@b.test', 'c@d.test']);
    assert.equal(p.mailtos.length, 20);
  });
});

describe('page writer: footprint columns', () => {
  const temp = makeTempDir('vouch-footprints-');
  after(temp.cleanup);

  it('stores the footprints, and NULL for a record without them', async () => {
    const store = await openStore({ dataDir: temp.dir });
    try {
      const base: PageRecord = {
        url: 'http://a.test/', host: 'a.test', domain: 'a.test', ip: '127.0.0.9', fetchedAt: new Date('2026-01-01T00:00:00Z'), status: 200, contentType: 'text/html',
        bytes: 10, title: null, lang: 'en', canonical: null, noindex: false, nofollow: false, xRobots: null, outlinks: 0, contentHash: null, source: 'crawl', error: null, depth: 0,
      };
      await store.writePages([
        { ...base, text: 'Sponsored post about widgets', wordCount: 4, trackingIds: ['G-ABC123', 'ca-pub-1234567890'], templateHash: '0123456789abcdef', mailtos: ['x@a.test'] },
        { ...base, url: 'http://a.test/bare' },
        { ...base, url: 'http://a.test/empty', trackingIds: [], mailtos: [] },
      ]);
      const rows = await store.all<{ url: string; text: string | null; word_count: number | null; tracking_ids: string[] | null; template_hash: string | null; mailtos: string[] | null }>(
        `SELECT url, text, word_count, tracking_ids, template_hash, mailtos FROM pages ORDER BY url`,
      );
      assert.deepEqual(rows.map((r) => ({ ...r, tracking_ids: r.tracking_ids && [...r.tracking_ids], mailtos: r.mailtos && [...r.mailtos] })), [
        { url: 'http://a.test/', text: 'Sponsored post about widgets', word_count: 4, tracking_ids: ['G-ABC123', 'ca-pub-1234567890'], template_hash: '0123456789abcdef', mailtos: ['x@a.test'] },
        { url: 'http://a.test/bare', text: null, word_count: null, tracking_ids: null, template_hash: null, mailtos: null },
        { url: 'http://a.test/empty', text: null, word_count: null, tracking_ids: [], template_hash: null, mailtos: [] },
      ]);
    } finally {
      await store.close();
    }
  });
});
