import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHtml } from '../../../src/crawl/fetch/index.js';

describe('isHtml', () => {
  const html = Buffer.from('<!DOCTYPE html><p>x');
  const pdf = Buffer.from('%PDF-1.4 binary');
  it('trusts a Content-Type that names a type', () => {
    assert.equal(isHtml('text/html; charset=utf-8', pdf), true);
    assert.equal(isHtml('application/xhtml+xml', pdf), true);
    assert.equal(isHtml('application/pdf', html), false);
    assert.equal(isHtml('text/plain', html), false);
  });
  it('sniffs the bytes when Content-Type is missing or says nothing', () => {
    for (const ct of [null, undefined, '', 'unknown/unknown', 'application/unknown', '*/*']) {
      assert.equal(isHtml(ct, html), true, String(ct));
      assert.equal(isHtml(ct, pdf), false, String(ct));
    }
  });
});
