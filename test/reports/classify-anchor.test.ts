import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorVocabulary, classifyAnchor } from '../../src/reports/index.js';
import { anchorWords } from '../../src/reports/internal/anchor-words.js';

describe('classifyAnchor', () => {
  const v = anchorVocabulary(['acme', 'Acme Shop'], ['buy cheap widgets', 'discount gadgets']);
  it('classes each kind of anchor', () => {
    const cases: Array<[string, string, boolean?]> = [
      ['', 'image-or-empty'],
      ['   ', 'image-or-empty'],
      ['Acme logo', 'image-or-empty', true],
      ['acme-shop.com', 'naked-url'],
      ['https://www.acme-shop.com/p/1?x=2', 'naked-url'],
      ['www.example.org', 'naked-url'],
      ['Acme', 'branded'],
      ['the ACME catalogue', 'branded'],
      ['AcmeShop', 'branded'],
      ['Buy cheap widgets!', 'exact-match'],
      ['discount   gadgets', 'exact-match'],
      ['buy cheap widgets 1', 'partial-match'],
      ['the 2019 classic widget', 'partial-match'],
      ['click here', 'generic'],
      ['their website', 'generic'],
      ['a guide to the skillet', 'other'],
      ['Boutique de widgets à prix réduit', 'partial-match'],
    ];
    for (const [anchor, cls, image] of cases) assert.equal(classifyAnchor(anchor, v, image), cls, anchor);
  });
  it('classes nothing as exact or partial without keywords', () => {
    const none = anchorVocabulary(['acme'], []);
    assert.equal(classifyAnchor('buy cheap widgets', none), 'other');
  });
});

describe('anchorWords', () => {
  it('takes the ASCII shortcut only where it gives the Unicode path’s words', () => {
    const unicodePath = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: next() % 40 }, () => String.fromCharCode(next() % 128)).join('');
      assert.equal(anchorWords(text), unicodePath(text), JSON.stringify(text));
    }
    for (const text of ['Ｃｌｉｃｋ ＨＥＲＥ', 'Über-Widgets™', 'ﬁne café', 'İstanbul', 'naïve\u00a0résumé', '東京 2024']) {
      assert.equal(anchorWords(text), unicodePath(text), text);
    }
    assert.equal(classifyAnchor('Ｃｌｉｃｋ ＨＥＲＥ', anchorVocabulary([], [])), 'generic');
  });
});
