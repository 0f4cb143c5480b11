import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Csr } from '../../src/graph/csr.js';
import { inDegrees, outDegrees } from '../../src/graph/csr.js';
import { naiveGraph, randomEdges } from './naive-reference.js';

function rows(csr: Csr, n: number): number[][] {
  return Array.from({ length: n }, (_, v) => Array.from(csr.targets.subarray(csr.offsets[v], csr.offsets[v + 1])));
}

describe('buildGraph', () => {
  it('drops self-loops and counts duplicate edges once, adding their weights', () => {
    const g = buildGraph({
      nodeCount: 3,
      edgeCount: 6,
      src: Int32Array.of(0, 0, 0, 1, 2, 2),
      dst: Int32Array.of(1, 1, 0, 2, 0, 1),
      weights: Float64Array.of(1, 2, 7, 1, 3, 4),
    });
    assert.equal(g.edgeCount, 4);
    assert.deepEqual(rows(g.out, 3), [[1], [2], [0, 1]]);
    assert.deepEqual(rows(g.in, 3), [[2], [0, 2], [1]]);
    assert.deepEqual(Array.from(g.out.weights!.subarray(0, 4)), [3, 1, 3, 4]);
    assert.deepEqual(Array.from(outDegrees(g)), [1, 1, 2]);
    assert.deepEqual(Array.from(inDegrees(g)), [1, 2, 1]);
  });

  it('keeps self-loops when asked', () => {
    const g = buildGraph({ nodeCount: 2, edgeCount: 2, src: Int32Array.of(0, 0), dst: Int32Array.of(0, 1), weights: null }, { dropSelfLoops: false });
    assert.deepEqual(rows(g.out, 2), [[0, 1], []]);
  });

  it('builds an empty graph and a graph of isolated nodes', () => {
    const empty = buildGraph({ nodeCount: 0, edgeCount: 0, src: new Int32Array(0), dst: new Int32Array(0), weights: null });
    assert.equal(empty.nodeCount, 0);
    assert.equal(empty.edgeCount, 0);
    const isolated = buildGraph({ nodeCount: 3, edgeCount: 0, src: new Int32Array(4), dst: new Int32Array(4), weights: null });
    assert.deepEqual(Array.from(isolated.out.offsets), [0, 0, 0, 0]);
  });

  it('matches a naive edge set on a random multigraph, with sorted rows', () => {
    const n = 300;
    const { src, dst, weights } = randomEdges(n, 4000, 7, true);
    const g = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });
    const naive = naiveGraph(n, src, dst, weights);
    assert.equal(g.edgeCount, naive.edges.length);
    const expected = new Map(naive.edges.map(([u, v], i) => [`${u},${v}`, naive.weights![i]]));
    for (let u = 0; u < n; u++) {
      let last = -1;
      for (let e = g.out.offsets[u]; e < g.out.offsets[u + 1]; e++) {
        const v = g.out.targets[e];
        assert.ok(v > last, 'rows are sorted and distinct');
        last = v;
        assert.equal(g.out.weights![e], expected.get(`${u},${v}`));
      }
    }
  });

  it('gives the same graph through the buffered scatter used for large graphs', () => {
    // 100k nodes is above the buffered scatter's threshold; skewed keys fill some ranges many times over.
    const n = 100_000;
    const { src, dst, weights } = randomEdges(n, 300_000, 19, true);
    const g = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });
    const naive = naiveGraph(n, src, dst, weights);
    assert.equal(g.edgeCount, naive.edges.length);
    const expected = new Map(naive.edges.map(([u, v], i) => [u * n + v, naive.weights![i]]));
    for (const [csr, forward] of [[g.out, true], [g.in, false]] as const) {
      for (let a = 0; a < n; a++) {
        for (let e = csr.offsets[a]; e < csr.offsets[a + 1]; e++) {
          const b = csr.targets[e];
          if (e > csr.offsets[a]) assert.ok(b > csr.targets[e - 1]);
          assert.equal(csr.weights![e], expected.get(forward ? a * n + b : b * n + a));
        }
      }
    }
  });

  it('rejects node ids outside the graph and bad weights', () => {
    const bad = (src: number[], dst: number[], weights: number[] | null) => () =>
      buildGraph({ nodeCount: 2, edgeCount: src.length, src: Int32Array.from(src), dst: Int32Array.from(dst), weights: weights && Float64Array.from(weights) });
    for (const fn of [bad([0], [2], null), bad([-1], [0], null), bad([0], [1], [0]), bad([0], [1], [Number.NaN]), bad([0], [1], [-1])]) {
      assert.throws(fn, (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
    }
  });
});
