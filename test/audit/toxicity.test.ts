import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combineRisks, HINT_FACTOR, MARKERS, scoreDomain } from '../../src/audit/index.js';
import type { AuditLink, MarkerHit } from '../../src/audit/index.js';

const link = (id: number, extra: Partial<AuditLink> = {}): AuditLink => ({
  id, srcUrl: `http://src.test/p${id}`, dstUrl: 'http://acme.test/', srcHost: 'src.test', srcDomain: 'src.test', kind: 'a', anchor: 'x',
  nofollow: false, ugc: false, sponsored: false, metaNofollow: false, hidden: false, position: 'main', firstSeen: new Date(0), httpStatus: null, ...extra,
});
const hit = (marker: MarkerHit['marker'], links: number[] = [], strength = 1): MarkerHit => ({ marker, strength, links, evidence: { why: 'test' } });

describe('toxicity formula', () => {
  it('documents a weight in (0, 1) for every marker, and fourteen markers', () => {
    assert.equal(MARKERS.length, 14);
    assert.equal(new Set(MARKERS.map((m) => m.id)).size, 14);
    for (const m of MARKERS) assert.ok(m.weight > 0 && m.weight < 1, m.id);
  });

  it('is a noisy-OR: one marker alone scores 100·w, two combine as 1 − (1 − a)(1 − b)', () => {
    assert.equal(combineRisks([]), 0);
    assert.equal(combineRisks([0.4]), 40);
    assert.equal(combineRisks([0.5, 0.5]), 75);
    assert.equal(combineRisks([1]), 100);
  });

  it('is monotone: adding a marker or raising a weight never lowers the score', () => {
    let previous = 0;
    const weights: number[] = [];
    for (let i = 0; i < 50; i++) {
      weights.push(((i * 37) % 97) / 100);
      const now = combineRisks(weights);
      assert.ok(now >= previous);
      previous = now;
    }
    for (let w = 0; w <= 1; w += 0.05) assert.ok(combineRisks([0.3, w]) <= combineRisks([0.3, Math.min(1, w + 0.05)]));
  });

  it('lowers the risk of a nofollow, ugc or sponsored link by the hint factor', () => {
    for (const flag of ['nofollow', 'ugc', 'sponsored', 'metaNofollow'] as const) {
      const hinted = scoreDomain([link(1, { [flag]: true, hidden: true })], [hit('hidden-link', [1])]);
      assert.equal(hinted.toxicity, Math.round(1000 * 0.4 * HINT_FACTOR) / 10, flag);
      assert.equal(hinted.linkScores[0]!.followed, false);
    }
    const followed = scoreDomain([link(1, { hidden: true })], [hit('hidden-link', [1])]);
    assert.equal(followed.toxicity, 40);
  });

  it('gives a domain marker full weight when any of the domain’s links is followed', () => {
    const mixed = scoreDomain([link(1, { ugc: true }), link(2)], [hit('spam-list')]);
    assert.equal(mixed.toxicity, 90);
    assert.deepEqual(mixed.linkScores.map((l) => [l.id, l.toxicity]), [[2, 90], [1, 27]]);
    const allHints = scoreDomain([link(1, { ugc: true }), link(2, { nofollow: true })], [hit('spam-list')]);
    assert.equal(allHints.toxicity, 27);
  });

  it('scores a link with its own markers and its domain’s, not its siblings’', () => {
    const r = scoreDomain([link(1), link(2, { hidden: true })], [hit('hidden-link', [2]), hit('suspicious-tld', [], 0.5)]);
    const byId = new Map(r.linkScores.map((l) => [l.id, l]));
    assert.deepEqual(byId.get(1)!.markers, ['suspicious-tld']);
    assert.equal(byId.get(1)!.toxicity, 15);
    assert.equal(byId.get(2)!.toxicity, combineRisks([0.4, 0.15]));
    assert.equal(r.toxicity, combineRisks([0.4, 0.15]));
    assert.deepEqual(r.markers.map((m) => [m.marker, m.effective]), [['hidden-link', 0.4], ['suspicious-tld', 0.15]]);
  });
});
