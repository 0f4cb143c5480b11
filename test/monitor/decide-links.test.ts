/** The per-link verdict rules of verify, without a network (see decide-links.ts for the table). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideLinks } from '../../src/monitor/internal/decide-links.js';
import type { StoredBacklink } from '../../src/monitor/internal/decide-links.js';
import type { ObservedLink, PageObservation } from '../../src/monitor/index.js';

const PAGE = 'http://blog.test/post';
const stored = (over: Partial<StoredBacklink> = {}): StoredBacklink => ({
  id: 1, dstUrl: 'http://shop.test/', kind: 'a', anchor: 'shop', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, lostReason: null, source: 'crawl', ...over,
});
const seen = (over: Partial<ObservedLink> = {}): ObservedLink => ({
  dstUrl: 'http://shop.test/', kind: 'a', anchor: 'shop', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, hidden: false, position: 'main', context: '', httpStatus: null, ...over,
});
const ok = (links: ObservedLink[], over: Partial<Extract<PageObservation, { kind: 'ok' }>> = {}): PageObservation => ({ kind: 'ok', status: 200, noindex: false, nofollow: false, canonical: null, links, ...over });
const verdicts = (s: StoredBacklink[], obs: PageObservation, prev = { noindex: false, canonical: null as string | null }, failures = 0): [string | null, string | null][] =>
  decideLinks(PAGE, s, obs, prev, failures, 3).map((d) => [d.event, d.lostReason]);

describe('decideLinks', () => {
  it('keeps a link first seen on a noindex or non-canonical page live while the page stays so', () => {
    assert.deepEqual(verdicts([stored()], ok([seen()], { noindex: true }), { noindex: true, canonical: null }), [[null, null]]);
    assert.deepEqual(verdicts([stored()], ok([seen()], { canonical: 'http://blog.test/other' }), { noindex: false, canonical: 'http://blog.test/other' }), [[null, null]]);
  });

  it('keeps a page-noindex loss while the page is noindex, and recovers when it is not', () => {
    const lost = stored({ lostReason: 'page-noindex' });
    assert.deepEqual(verdicts([lost], ok([seen()], { noindex: true }), { noindex: true, canonical: null }), [[null, 'page-noindex']]);
    assert.deepEqual(verdicts([lost], ok([seen()])), [['recovered', null]]);
  });

  it('keeps a now-nofollow loss while the link is nofollow, and recovers when it is followed again', () => {
    const lost = stored({ lostReason: 'now-nofollow', nofollow: true });
    assert.deepEqual(verdicts([lost], ok([seen({ nofollow: true })])), [[null, 'now-nofollow']]);
    assert.deepEqual(verdicts([lost], ok([seen()])), [['recovered', null]]);
  });

  it('relabels a lost link silently when the page state changes', () => {
    assert.deepEqual(verdicts([stored({ lostReason: 'link-removed' })], { kind: 'gone', status: 410 }), [[null, 'page-gone']]);
  });

  it('counts failures: lost with crawl-error only at the threshold, lost links untouched', () => {
    const failed: PageObservation = { kind: 'failed', code: 'TIMEOUT', status: null };
    assert.deepEqual(verdicts([stored()], failed, undefined, 2), [[null, null]]);
    assert.deepEqual(verdicts([stored()], failed, undefined, 3), [['lost', 'crawl-error']]);
    assert.deepEqual(verdicts([stored({ lostReason: 'page-gone' })], failed, undefined, 5), [[null, 'page-gone']]);
  });

  it('judges redirect links by where the page now redirects', () => {
    const hop = stored({ kind: 'redirect', anchor: '', dstUrl: 'http://shop.test/' });
    assert.deepEqual(verdicts([hop, stored({ id: 2 })], { kind: 'redirect', status: 301, location: 'http://shop.test/' }), [[null, null], ['lost', 'page-redirects']]);
    assert.deepEqual(verdicts([hop], { kind: 'redirect', status: 301, location: 'http://elsewhere.test/' }), [['lost', 'link-removed']]);
    assert.deepEqual(verdicts([hop], ok([])), [['lost', 'link-removed']]);
  });

  it('matches an imported link by URL when the vendor worded its anchor otherwise, once', () => {
    const imported = stored({ anchor: 'Shop…', source: 'import:ahrefs' });
    assert.deepEqual(verdicts([imported], ok([seen()])), [[null, null]]);
    // The page's link already belongs to a crawled row with the exact anchor: the import is gone.
    assert.deepEqual(verdicts([stored({ id: 2 }), { ...imported, id: 3 }], ok([seen()])), [[null, null], ['lost', 'link-removed']]);
    // A crawled link with another anchor is another link.
    assert.deepEqual(verdicts([stored({ anchor: 'old words' })], ok([seen()])), [['lost', 'link-removed']]);
  });
});
