import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHtmlContentType, looksLikeHtml } from '../../src/extract/index.js';
import { readAllWarcHtmlPayloads } from './warc-payloads.js';

describe('looksLikeHtml', () => {
  it('recognises the WHATWG text/html signatures after whitespace and a BOM', () => {
    for (const s of ['<!DOCTYPE html>', '<!doctype HTML>', '  \n<html>', '<HEAD>', '<script>x</script>', '<iframe src=x>', '<h1>', '<div>',
      '<font>', '<table>', '<a href=x>', '<style>', '<title>', '<b>', '<body>', '<br>', '<p>', '<!-- c -->', '\ufeff<html>']) {
      assert.equal(looksLikeHtml(Buffer.from(s)), true, s);
      assert.equal(looksLikeHtml(s), true, s);
    }
  });

  it('recognises every real WARC payload', () => {
    for (const p of readAllWarcHtmlPayloads()) assert.equal(looksLikeHtml(p.body), true, p.url);
  });

  it('accepts a text body that mentions <html later, as a lenient extra', () => {
    assert.equal(looksLikeHtml(Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "x">\n<html>')), true);
  });

  it('rejects non-HTML', () => {
    for (const s of ['{"a": 1}', '%PDF-1.4', 'plain text', '<?xml version="1.0"?><rss>', '<bold>', '<ab>', '']) {
      assert.equal(looksLikeHtml(Buffer.from(s)), false, s);
    }
    assert.equal(looksLikeHtml(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x3c, 0x68, 0x74, 0x6d, 0x6c])), false);
    assert.equal(looksLikeHtml(Buffer.from([0x00, 0x01, 0x3c, 0x62, 0x6f, 0x64, 0x79])), false);
  });
});

describe('isHtmlContentType', () => {
  it('accepts text/html and xhtml with any parameters and case', () => {
    for (const ct of ['text/html', 'TEXT/HTML; charset=UTF-8', ' text/html ;charset=x', 'application/xhtml+xml']) assert.equal(isHtmlContentType(ct), true, ct);
  });

  it('rejects everything else', () => {
    for (const ct of [null, undefined, '', 'text/plain', 'application/json', 'text/htmlx', 'image/svg+xml', 'text/xml']) assert.equal(isHtmlContentType(ct), false, String(ct));
  });
});
