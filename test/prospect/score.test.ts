/** The documented score: 100 × (0.45·authority/100 + 0.35·relevance + 0.20·source strength). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relevance, scoreProspect, termWords } from '../../src/prospect/index.js';

describe('scoreProspect and relevance', () => {
  it('follows the formula, clamps its inputs and favours more competitors in a gap', () => {
    assert.equal(scoreProspect({ source: 'broken', authority: 60, relevance: 0.5 }), 100 * (0.45 * 0.6 + 0.35 * 0.5 + 0.2 * 1));
    assert.equal(scoreProspect({ source: 'gap', authority: null, relevance: 0 }), 10);
    assert.equal(scoreProspect({ source: 'gap', authority: null, relevance: 0, competitorCount: 3 }), 20);
    assert.equal(scoreProspect({ source: 'gap', authority: null, relevance: 0, competitorCount: 9 }), 20);
    assert.equal(scoreProspect({ source: 'resource', authority: 250, relevance: 7 }), 94);
    assert.ok(scoreProspect({ source: 'mention', authority: 10, relevance: 0.2 }) < scoreProspect({ source: 'mention', authority: 40, relevance: 0.2 }));
  });

  it('measures the share of term words found, singular or plural, ignoring stop words', () => {
    const words = termWords(['buy cheap widgets', 'Acme Shop', 'the widgets']);
    assert.deepEqual(words, ['buy', 'cheap', 'widget', 'acme', 'shop']);
    assert.equal(relevance('A widget shop, not cheap.', words), 0.6);
    assert.equal(relevance('nothing here', words), 0);
    assert.equal(relevance('anything', []), 0);
  });
});
