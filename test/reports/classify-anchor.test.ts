import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorVocabulary, classifyAnchor } from '../../src/reports/index.js';

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
