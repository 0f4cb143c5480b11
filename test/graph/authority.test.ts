import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authority } from '../../src/graph/authority.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { pagerank } from '../../src/graph/pagerank.js';
import { randomEdges } from './naive-reference.js';

describe('authority', () => {
  it('maps log PageRank onto 0…100, the top node at 100 and the bottom at 0', () => {
    const scores = authority(Float64Array.of(0.01, 0.1, 1, 0.001));
    assert.deepEqual(Array.from(scores, (s) => Math.round(s * 1e9) / 1e9), [33.333333333, 66.666666667, 100, 0]);
  });

  it('is monotone in PageRank and the same for the same graph', () => {
    const { src, dst } = randomEdges(500, 3000, 9);
    const build = () => buildGraph({ nodeCount: 500, edgeCount: src.length, src, dst, weights: null });
    const rank = pagerank(build()).scores;
    const a = authority(rank);
    const order = Array.from(rank.keys()).sort((x, y) => rank[x] - rank[y]);
    for (let i = 1; i < order.length; i++) assert.ok(a[order[i]] >= a[order[i - 1]]);
    assert.deepEqual(authority(pagerank(build()).scores), a);
    for (const s of a) assert.ok(s >= 0 && s <= 100);
  });

  it('scores 0 when every node has the same PageRank, and handles no nodes', () => {
    assert.deepEqual(Array.from(authority(Float64Array.of(0.5, 0.5))), [0, 0]);
    assert.equal(authority(new Float64Array(0)).length, 0);
  });
});
