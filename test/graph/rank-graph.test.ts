import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authority } from '../../src/graph/authority.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { harmonicCentrality } from '../../src/graph/harmonic.js';
import { pagerank } from '../../src/graph/pagerank.js';
import { rankGraph } from '../../src/graph/rank-graph.js';
import type { RankPhase } from '../../src/graph/rank-graph.js';
import { randomEdges } from './naive-reference.js';

describe('rankGraph', () => {
  const n = 400;
  const { src, dst, weights } = randomEdges(n, 3000, 31, true);
  const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });

  it('computes every metric, reporting each phase', async () => {
    const phases = new Set<RankPhase>();
    const m = await rankGraph(graph, { seeds: [0, 1, 2], domainOf: Int32Array.from({ length: n }, (_, v) => v >> 2), threads: 1, onProgress: (phase) => phases.add(phase) });
    assert.deepEqual([...phases].sort(), ['authority', 'degrees', 'harmonic', 'pagerank', 'trustrank']);
    assert.deepEqual(m.pagerank.scores, pagerank(graph).scores);
    assert.deepEqual(m.authority, authority(m.pagerank.scores));
    assert.deepEqual(m.harmonic, await harmonicCentrality(graph, { threads: 1 }));
    assert.equal(m.harmonicMethod, 'exact');
    assert.equal(m.seedCount, 3);
    assert.ok(m.trust !== null && m.spamMass !== null && m.referringDomains !== null);
    assert.equal(m.inDegree.reduce((a, b) => a + b, 0), graph.edgeCount);
  });

  it('switches to HyperBall above the work threshold, and leaves out trust without seeds', async () => {
    const m = await rankGraph(graph, { exactHarmonicMaxWork: 10, weighted: true });
    assert.equal(m.harmonicMethod, 'hyperball');
    assert.equal(m.trust, null);
    assert.equal(m.spamMass, null);
    assert.equal(m.referringDomains, null);
    const none = await rankGraph(graph, { harmonic: 'none' });
    assert.equal(none.harmonic, null);
  });
});
