import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLinkExtractor, extractLinks } from '../../src/extract/index.js';
import { readAllWarcHtmlPayloads } from './warc-payloads.js';

const PAGE = 'http://page.test/';

function streamed(body: Buffer, chunkBytes: number, headers: Record<string, string | string[]> = {}, url = PAGE): ReturnType<typeof extractLinks> {
  const ex = createLinkExtractor({ url, headers });
  for (let i = 0; i < body.length; i += chunkBytes) ex.write(body.subarray(i, i + chunkBytes));
  return ex.end();
}

describe('createLinkExtractor: streaming', () => {
  it('gives the same result whatever the chunk size, on every real WARC page', () => {
    for (const p of readAllWarcHtmlPayloads()) {
      const whole = extractLinks(p.body, { url: p.url, headers: p.headers });
      for (const size of [1, 7, 1000, 1024, 1025, 65536]) {
        assert.deepEqual(streamed(p.body, size, p.headers, p.url), whole, `${p.url} in ${size}-byte chunks`);
      }
    }
  });

  it('keeps multi-byte characters split across chunks (UTF-8 and Shift_JIS)', () => {
    const utf8 = Buffer.from(`<a href="/x">${'日本語 é '.repeat(300)}</a>`);
    assert.equal(streamed(utf8, 1).links[0]!.anchor, extractLinks(utf8, { url: PAGE }).links[0]!.anchor);
    const sjis = Buffer.concat([Buffer.from('<meta charset="shift_jis"><a href="/x">'), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), Buffer.from('</a>')]);
    assert.equal(streamed(sjis, 1).links[0]!.anchor, '日本');
  });

  it('sniffs the charset from the first 1024 bytes even when they arrive in pieces', () => {
    const body = Buffer.concat([Buffer.from('<meta charset="koi8-r">' + ' '.repeat(2000) + '<a href="/x">'), Buffer.from([0xd0, 0xd2]), Buffer.from('</a>')]);
    const r = streamed(body, 100);
    assert.equal(r.page.charset, 'koi8-r');
    assert.equal(r.links[0]!.anchor, 'пр');
  });

  it('accepts strings and an end chunk', () => {
    const ex = createLinkExtractor({ url: PAGE });
    ex.write('<a href="/a">a</a>');
    const r = ex.end('<a href="/b">b</a>');
    assert.deepEqual(r.links.map((l) => l.anchor), ['a', 'b']);
    assert.equal(r.page.charsetSource, 'string');
  });

  it('counts bytes', () => {
    assert.equal(streamed(Buffer.alloc(5000, 0x20), 333).bytes, 5000);
  });

  it('refuses writes after end', () => {
    const ex = createLinkExtractor({ url: PAGE });
    ex.end();
    assert.throws(() => ex.write('x'));
    assert.throws(() => ex.end());
  });
});
