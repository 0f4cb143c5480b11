import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { referringDomains } from '../../src/graph/referring-domains.js';
import { randomEdges } from './naive-reference.js';

describe('referringDomains', () => {
  it('counts distinct linking domains, leaving out the node’s own', () => {
    // Hosts 0,1 in domain 0; 2 in domain 1; 3,4 in domain 2. Host 1 is linked from 0 (own domain), 2, 3 and 4.
    const graph = buildGraph({ nodeCount: 5, edgeCount: 5, src: Int32Array.of(0, 2, 3, 4, 1), dst: Int32Array.of(1, 1, 1, 1, 2), weights: null });
    assert.deepEqual(Array.from(referringDomains(graph, Int32Array.of(0, 0, 1, 2, 2))), [0, 2, 1, 0, 0]);
  });

  it('matches a naive count on a random graph', () => {
    const n = 200;
    const { src, dst } = randomEdges(n, 2000, 4);
    const domainOf = Int32Array.from({ length: n }, (_, v) => v % 17);
    const got = referringDomains(buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights: null }), domainOf);
    const sets = Array.from({ length: n }, () => new Set<number>());
    for (let e = 0; e < src.length; e++) if (src[e] !== dst[e] && domainOf[src[e]] !== domainOf[dst[e]]) sets[dst[e]].add(domainOf[src[e]]);
    assert.deepEqual(Array.from(got), sets.map((s) => s.size));
  });

  it('rejects a domain map of the wrong length', () => {
    const graph = buildGraph({ nodeCount: 2, edgeCount: 1, src: Int32Array.of(0), dst: Int32Array.of(1), weights: null });
    assert.throws(() => referringDomains(graph, Int32Array.of(0)), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
  });
});
