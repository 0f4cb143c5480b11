/**
 * The extractor on real pages: the HTML payloads of the Common Crawl samples in
 * ../shared/testdata/warc (see warc-payloads.ts), checked against two independent oracles:
 * - the WAT file Common Crawl made from the same WARC (its `A@/href` link list), and
 * - a plain count of `<a ... href=` tags in the markup (outside comments and scripts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { canonicalizeUrl } from '../../src/core/index.js';
import { extractLinks } from '../../src/extract/index.js';
import { WARC_DIR, readAllWarcHtmlPayloads } from './warc-payloads.js';

const PAYLOADS = readAllWarcHtmlPayloads();

interface WatLink {
  path: string;
  url: string;
  text?: string;
}

interface WatEnvelope {
  'WARC-Header-Metadata'?: { 'WARC-Target-URI'?: string };
  'Payload-Metadata'?: { 'HTTP-Response-Metadata'?: { 'HTML-Metadata'?: { Links?: WatLink[] } } };
}

function watLinks(targetUri: string): WatLink[] {
  const text = readFileSync(path.join(WARC_DIR, 'CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc.wat'), 'utf8');
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    const env = (JSON.parse(line) as { Envelope: WatEnvelope }).Envelope;
    if (env['WARC-Header-Metadata']?.['WARC-Target-URI'] !== targetUri) continue;
    const links = env['Payload-Metadata']?.['HTTP-Response-Metadata']?.['HTML-Metadata']?.Links;
    if (links !== undefined) return links;
  }
  throw new Error(`no WAT links for ${targetUri}`);
}

/** The 2014 WAT left entities in link text undecoded. */
function decodeBasicEntities(s: string): string {
  return s.replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e]!);
}

describe('real WARC pages', () => {
  it('has the four HTML payloads we expect', () => {
    assert.deepEqual(PAYLOADS.map((p) => [new URL(p.url).hostname, p.body.length, p.truncated]), [
      ['0pointer.de', 7204, false],
      ['0pointer.de', 222781, true],
      ['0x20.be', 17343, true],
      ['an.wikipedia.org', 72848, false],
    ]);
  });

  it('agrees with the WAT link list of the page Common Crawl described', () => {
    const p = PAYLOADS[0]!;
    const r = extractLinks(p.body, { url: p.url, headers: p.headers });
    // Common Crawl's 2014 WAT kept `&amp;` undecoded in URLs; decode it as an HTML parser does.
    const wat = watLinks(p.url).filter((l) => l.path === 'A@/href').map((l) => ({ ...l, url: l.url.replace(/&amp;/g, '&') }));
    assert.equal(wat.length, 26);
    const watHttp = wat.filter((l) => !l.url.startsWith('#') && !l.url.startsWith('javascript:'));
    const ours = r.links.filter((l) => l.kind === 'a' || l.kind === 'img');
    assert.deepEqual(ours.map((l) => l.dstUrl), watHttp.map((l) => canonicalizeUrl(l.url, p.url)));
    assert.equal(r.skipped.fragment + r.skipped.javascript, wat.length - watHttp.length);
    // anchors: where the WAT has text, ours is the same text, whitespace-collapsed
    for (let i = 0; i < ours.length; i++) {
      const text = watHttp[i]!.text;
      if (text !== undefined) assert.equal(ours[i]!.anchor, decodeBasicEntities(text).replace(/\s+/g, ' ').trim());
    }
    assert.equal(r.page.title, 'Photos');
  });

  it('finds one link per <a href> tag on every page, each either kept or counted as skipped', () => {
    for (const p of PAYLOADS) {
      const r = extractLinks(p.body, { url: p.url, headers: p.headers });
      const markup = p.body.toString('utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/<script[\s\S]*?<\/script>/gi, '');
      const aTags = (markup.match(/<a\s[^>]*?\bhref\s*=/gi) ?? []).length;
      const fromA = r.links.filter((l) => l.kind === 'a' || l.kind === 'img').length;
      const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
      assert.equal(fromA + skipped, aTags, p.url);
      for (const l of r.links) {
        assert.equal(canonicalizeUrl(l.dstUrl), l.dstUrl);
        assert.ok(l.anchor.length <= 500 && l.context.length <= 260, l.dstUrl);
      }
    }
  });

  it('reads the page facts of each page', () => {
    const facts = PAYLOADS.map((p) => {
      const r = extractLinks(p.body, { url: p.url, headers: p.headers });
      const { title, lang, canonical, noindex, nofollow, metaRobots, charset } = r.page;
      return { title, lang, canonical, noindex, nofollow, metaRobots, charset, links: r.links.length, metaNofollow: r.links.filter((l) => l.metaNofollow).length };
    });
    assert.deepEqual(facts, [
      { title: 'Photos', lang: null, canonical: null, noindex: false, nofollow: false, metaRobots: null, charset: 'utf-8', links: 18, metaNofollow: 0 },
      { title: 'Photos', lang: null, canonical: null, noindex: false, nofollow: false, metaRobots: null, charset: 'utf-8', links: 868, metaNofollow: 0 },
      {
        title: 'Pages that link to "Thread:Talk:Gentse feesten/foo" - Whitespace (Hackerspace Gent)', lang: 'en', canonical: null,
        noindex: true, nofollow: true, metaRobots: 'noindex,nofollow', charset: 'utf-8', links: 42, metaNofollow: 42,
      },
      {
        title: 'Escopete - Biquipedia, a enciclopedia libre', lang: 'an', canonical: 'https://an.wikipedia.org/wiki/Escopete',
        noindex: false, nofollow: false, metaRobots: 'max-image-preview:standard', charset: 'utf-8', links: 194, metaNofollow: 0,
      },
    ]);
  });

  it('places Wikipedia links where the page puts them', () => {
    const p = PAYLOADS[3]!;
    const r = extractLinks(p.body, { url: p.url, headers: p.headers });
    const byPosition: Record<string, number> = {};
    for (const l of r.links) byPosition[l.position] = (byPosition[l.position] ?? 0) + 1;
    assert.ok(byPosition.main! > 50 && byPosition.nav! > 20 && byPosition.footer! > 5, JSON.stringify(byPosition));
    const inArticle = r.links.find((l) => l.position === 'main' && l.kind === 'a' && l.dstUrl.includes('/wiki/') && !l.dstUrl.includes(':', 8));
    assert.ok(inArticle !== undefined && inArticle.context.includes(inArticle.anchor));
  });
});
