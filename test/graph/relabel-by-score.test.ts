import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../src/graph/build-graph.js';
import { orderByScore, permuteValues, renumberedInCsr, unpermuteValues } from '../../src/graph/internal/relabel-by-score.js';
import { randomEdges } from './naive-reference.js';

describe('renumbering by score', () => {
  it('orders by score, highest first, ties in id order, negative and zero scores last', () => {
    const { order, inverse } = orderByScore(Float64Array.of(0.1, 0.5, -0.2, 0.5, 0, 0.3, 1e-30, -1));
    assert.deepEqual(Array.from(order), [1, 3, 5, 0, 6, 4, 2, 7]);
    for (let i = 0; i < order.length; i++) assert.equal(inverse[order[i]], i);
  });

  it('keeps scores within 1% of each other in id order (the key is coarse on purpose)', () => {
    assert.deepEqual(Array.from(orderByScore(Float64Array.of(1, 1.001, 2)).order), [2, 0, 1]);
  });

  it('renumbers the in-CSR: the same edges, rows grouped by source block, any tile size', () => {
    const n = 300;
    const { src, dst, weights } = randomEdges(n, 3000, 41, true);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });
    const score = Float64Array.from({ length: n }, (_, v) => ((v * 7919) % 101) / 101);
    const renumbering = orderByScore(score);
    const { order, inverse } = renumbering;
    for (const blockNodes of [1, 16, 100, 300, 1000]) {
      const csr = renumberedInCsr(graph, renumbering, blockNodes, true);
      assert.equal(csr.offsets[n], graph.edgeCount);
      for (let i = 0; i < n; i++) {
        const v = order[i];
        const expected = new Map<number, number>();
        for (let e = graph.in.offsets[v]; e < graph.in.offsets[v + 1]; e++) expected.set(inverse[graph.in.targets[e]], graph.in.weights![e]);
        const got = new Map<number, number>();
        for (let e = csr.offsets[i]; e < csr.offsets[i + 1]; e++) {
          got.set(csr.sources[e], csr.weights![e]);
          if (e > csr.offsets[i]) assert.ok(Math.floor(csr.sources[e] / blockNodes) >= Math.floor(csr.sources[e - 1] / blockNodes), `row ${i} grouped by block of ${blockNodes}`);
        }
        assert.deepEqual(got, expected, `row ${i}, blockNodes ${blockNodes}`);
      }
    }
    const unweighted = renumberedInCsr(graph, renumbering, 16, false);
    assert.equal(unweighted.weights, null, 'an unweighted rank copies no weights');
    assert.equal(unweighted.sources.length, graph.edgeCount);
  });

  it('permutes values there and back', () => {
    const n = 1_200_000; // more than one tile of values
    const score = Float64Array.from({ length: n }, (_, v) => (v * 2654435761) % 1000);
    const { order } = orderByScore(score);
    const values = Float64Array.from({ length: n }, (_, v) => v + 0.5);
    const [there, again] = permuteValues([values, values], order);
    for (let i = 0; i < n; i += 9973) assert.equal(there[i], values[order[i]]);
    assert.deepEqual(again, there);
    assert.deepEqual(unpermuteValues(there, order), values);
  });
});
