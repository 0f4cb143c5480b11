import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractLinks, sniffCharset } from '../../src/extract/index.js';

const PAGE = 'http://page.test/';

/** Bytes from ASCII text with `{XX}` hex escapes for the non-ASCII bytes. */
function bytes(s: string): Buffer {
  const parts: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{' && s[i + 3] === '}') {
      parts.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      parts.push(s.charCodeAt(i));
    }
  }
  return Buffer.from(parts);
}

function anchorOf(body: Buffer, contentType: string | null = null): { anchor: string; charset: string | null; source: string } {
  const r = extractLinks(body, { url: PAGE, contentType });
  return { anchor: r.links[0]?.anchor ?? '', charset: r.page.charset, source: r.page.charsetSource };
}

describe('charset: decoding real legacy encodings', () => {
  const cases: Array<[string, string, string, string]> = [
    // label, bytes of the anchor, expected text, expected WHATWG name
    ['windows-1252', 'caf{E9} {80}5 {93}q{94}', 'café €5 “q”', 'windows-1252'],
    ['iso-8859-1', 'caf{E9} {80}', 'café €', 'windows-1252'], // WHATWG maps latin1 to windows-1252
    ['iso-8859-2', '{B3}{F3}d{BC}', 'łódź', 'iso-8859-2'],
    ['koi8-r', '{D0}{D2}{C9}{D7}{C5}{D4}', 'привет', 'koi8-r'],
    ['shift_jis', '{93}{FA}{96}{7B}{8C}{EA}', '日本語', 'shift_jis'],
    ['gb18030', '{D6}{D0}{CE}{C4}', '中文', 'gb18030'],
    ['gbk', '{D6}{D0}{CE}{C4}', '中文', 'gbk'],
    ['euc-kr', '{C7}{D1}{B1}{DB}', '한글', 'euc-kr'],
    ['big5', '{A4}{A4}{A4}{E5}', '中文', 'big5'],
  ];
  for (const [label, raw, text, name] of cases) {
    it(`${label} from Content-Type`, () => {
      const r = anchorOf(bytes(`<a href="/x">${raw}</a>`), `text/html; charset=${label}`);
      assert.deepEqual(r, { anchor: text, charset: name, source: 'content-type' });
    });
    it(`${label} from <meta charset> prescan`, () => {
      const r = anchorOf(bytes(`<html><head><meta charset="${label}"></head><body><a href="/x">${raw}</a>`));
      assert.deepEqual(r, { anchor: text, charset: name, source: 'meta' });
    });
  }
});

describe('charset: where it comes from', () => {
  const utf8Cafe = Buffer.from('<a href="/x">café</a>');

  it('BOM beats Content-Type and meta', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="windows-1252"><a href="/x">café</a>')]);
    assert.deepEqual(anchorOf(body, 'text/html; charset=iso-8859-2'), { anchor: 'café', charset: 'utf-8', source: 'bom' });
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a href="/x">日本</a>', 'utf16le')]);
    assert.deepEqual(anchorOf(le), { anchor: '日本', charset: 'utf-16le', source: 'bom' });
    const be = Buffer.from(le);
    be.swap16();
    assert.deepEqual(anchorOf(be), { anchor: '日本', charset: 'utf-16be', source: 'bom' });
  });

  it('Content-Type beats meta', () => {
    const body = bytes('<meta charset="utf-8"><a href="/x">caf{E9}</a>');
    assert.equal(anchorOf(body, 'text/html;charset="windows-1252"').anchor, 'café');
  });

  it('reads <meta http-equiv=content-type> and skips metas inside comments', () => {
    const body = bytes('<!-- <meta charset="koi8-r"> --><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"><a href="/x">{B3}</a>');
    assert.deepEqual(anchorOf(body), { anchor: 'ł', charset: 'iso-8859-2', source: 'meta' });
  });

  it('only prescans the first 1024 bytes', () => {
    const body = bytes(`<!-- ${'x'.repeat(1100)} --><meta charset="windows-1252"><a href="/x">caf{E9}</a>`);
    const r = anchorOf(body);
    assert.equal(r.source, 'default');
    assert.equal(r.charset, 'windows-1252'); // not valid UTF-8, so the fallback
  });

  it('treats a meta utf-16 label as utf-8 and x-user-defined as windows-1252', () => {
    assert.equal(anchorOf(Buffer.concat([Buffer.from('<meta charset="utf-16">'), utf8Cafe])).charset, 'utf-8');
    assert.equal(anchorOf(bytes('<meta charset="x-user-defined"><a href="/x">caf{E9}</a>')).anchor, 'café');
  });

  it('defaults to UTF-8 for valid UTF-8 (and ASCII), else windows-1252', () => {
    assert.deepEqual(anchorOf(utf8Cafe), { anchor: 'café', charset: 'utf-8', source: 'default' });
    assert.deepEqual(anchorOf(Buffer.from('<a href="/x">plain</a>')), { anchor: 'plain', charset: 'utf-8', source: 'default' });
    assert.deepEqual(anchorOf(bytes('<a href="/x">caf{E9}</a>')), { anchor: 'café', charset: 'windows-1252', source: 'default' });
  });

  it('falls back cleanly from invalid or unsupported labels', () => {
    for (const label of ['bogus-charset', 'x-user-defined', 'utf-9', '', '"', 'iso-2022-kr']) {
      assert.deepEqual(anchorOf(utf8Cafe, `text/html; charset=${label}`), { anchor: 'café', charset: 'utf-8', source: 'default' }, label);
    }
    const metaBogus = Buffer.concat([Buffer.from('<meta charset="no-such-thing">'), utf8Cafe]);
    assert.equal(anchorOf(metaBogus).source, 'default');
    // a bogus header label still lets a good meta label through
    assert.equal(anchorOf(bytes('<meta charset="koi8-r"><a href="/x">{D0}</a>'), 'text/html; charset=nope').anchor, 'п');
  });

  it('replaces invalid bytes instead of throwing', () => {
    const r = anchorOf(bytes('<a href="/x">ok{FF}{FE}{C3}</a>'), 'text/html; charset=utf-8');
    assert.equal(r.anchor, 'ok\ufffd\ufffd\ufffd');
  });
});

describe('sniffCharset', () => {
  it('accepts a truncated UTF-8 sequence at the end of an incomplete prefix', () => {
    const prefix = Buffer.from('<p>' + 'é'.repeat(600)).subarray(0, 1024); // cuts 'é' in half
    assert.equal(sniffCharset(prefix, null, false).encoding, 'utf-8');
    assert.equal(sniffCharset(prefix, null, true).encoding, 'windows-1252');
  });

  it('handles an empty body', () => {
    assert.deepEqual(sniffCharset(new Uint8Array(0), null), { encoding: 'utf-8', source: 'default' });
  });
});
