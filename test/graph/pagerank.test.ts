import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { pagerank } from '../../src/graph/pagerank.js';
import { readEdgeFile } from '../../src/graph/read-edge-file.js';
import { weightedPagerank } from '../../src/graph/weighted-pagerank.js';
import { maxAbsDiff, naiveGraph, naivePagerank, randomEdges } from './naive-reference.js';
import { loadReference, POLBLOGS_PATH, UKWA_PATH } from './reference-fixtures.js';

function graphOf(n: number, edges: Array<[number, number]>) {
  return buildGraph({ nodeCount: n, edgeCount: edges.length, src: Int32Array.from(edges.map((e) => e[0])), dst: Int32Array.from(edges.map((e) => e[1])), weights: null });
}

function sum(values: Float64Array): number {
  return values.reduce((a, b) => a + b, 0);
}

describe('pagerank', () => {
  it('returns nothing for the empty graph', () => {
    const r = pagerank(graphOf(0, []));
    assert.equal(r.scores.length, 0);
    assert.equal(r.converged, true);
  });

  it('gives a single node all the rank', () => {
    const r = pagerank(graphOf(1, []));
    assert.deepEqual(Array.from(r.scores), [1]);
  });

  it('is uniform when every node is dangling', () => {
    const r = pagerank(graphOf(4, []));
    for (const s of r.scores) assert.ok(Math.abs(s - 0.25) < 1e-15);
  });

  it('splits rank between disconnected components by their size', () => {
    // Two 2-cycles and a 3-cycle: symmetric inside each, 1/7 each.
    const r = pagerank(graphOf(7, [[0, 1], [1, 0], [2, 3], [3, 2], [4, 5], [5, 6], [6, 4]]));
    for (const s of r.scores) assert.ok(Math.abs(s - 1 / 7) < 1e-9);
  });

  it('counts duplicate edges once', () => {
    const once = pagerank(graphOf(3, [[0, 1], [0, 2], [1, 2]]));
    const twice = pagerank(graphOf(3, [[0, 1], [0, 1], [0, 1], [0, 2], [1, 2], [1, 2]]));
    assert.ok(maxAbsDiff(once.scores, twice.scores) < 1e-15);
  });

  it('matches a naive power iteration on random graphs', () => {
    for (const seed of [1, 2, 3]) {
      const n = 200;
      const { src, dst } = randomEdges(n, 1500, seed);
      const r = pagerank(buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights: null }));
      assert.equal(r.converged, true);
      assert.ok(Math.abs(sum(r.scores) - 1) < 1e-12);
      assert.ok(maxAbsDiff(r.scores, naivePagerank(naiveGraph(n, src, dst))) < 1e-10);
    }
  });

  it('weighted PageRank matches a naive weighted power iteration', () => {
    const n = 150;
    const { src, dst, weights } = randomEdges(n, 1200, 11, true);
    const r = weightedPagerank(buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights }));
    assert.ok(maxAbsDiff(r.scores, naivePagerank(naiveGraph(n, src, dst, weights), 0.85, null, true)) < 1e-10);
  });

  it('gives the same scores when sweeps are cut into cache tiles', () => {
    const n = 500;
    const { src, dst, weights } = randomEdges(n, 4000, 17, true);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });
    const naive = naiveGraph(n, src, dst, weights);
    const expected = naivePagerank(naive);
    const expectedWeighted = naivePagerank(naive, 0.85, null, true);
    for (const blockNodes of [1, 7, 64, 499, 500]) {
      assert.ok(maxAbsDiff(pagerank(graph, { blockNodes }).scores, expected) < 1e-10, `blockNodes ${blockNodes}`);
      assert.ok(maxAbsDiff(weightedPagerank(graph, { blockNodes }).scores, expectedWeighted) < 1e-10, `weighted, blockNodes ${blockNodes}`);
    }
  });

  it('refines past single precision to the requested tolerance', () => {
    const n = 300;
    const { src, dst } = randomEdges(n, 2000, 23);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights: null });
    const tight = pagerank(graph, { tolerance: 1e-14 });
    assert.equal(tight.converged, true);
    assert.ok(maxAbsDiff(tight.scores, naivePagerank(naiveGraph(n, src, dst))) < 1e-14);
  });

  it('gives the same scores when nodes are renumbered by score, in any tiling', () => {
    const n = 500;
    const { src, dst, weights } = randomEdges(n, 4000, 29, true);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });
    const naive = naiveGraph(n, src, dst, weights);
    const expected = naivePagerank(naive);
    const expectedWeighted = naivePagerank(naive, 0.85, null, true);
    const never = pagerank(graph, { renumberMinEdges: Infinity });
    for (const blockNodes of [1, 7, 64, 500]) {
      const renumbered = pagerank(graph, { blockNodes, renumberMinEdges: 0 });
      assert.ok(maxAbsDiff(renumbered.scores, expected) < 1e-10, `blockNodes ${blockNodes}`);
      assert.notEqual(renumbered.iterations, never.iterations, 'renumbering changes the sweep order, so the sweep count');
      const weightedScores = weightedPagerank(graph, { blockNodes, renumberMinEdges: 0 }).scores;
      assert.ok(maxAbsDiff(weightedScores, expectedWeighted) < 1e-10, `weighted, blockNodes ${blockNodes}`);
    }
  });

  it('refuses in-rows that are not grouped by source block', () => {
    const offsets = Int32Array.of(0, 0, 2, 2);
    const unsorted = { offsets, targets: Int32Array.of(2, 0), weights: null };
    const out = { offsets: Int32Array.of(0, 1, 1, 2), targets: Int32Array.of(1, 1), weights: null };
    const graph = { nodeCount: 3, edgeCount: 2, out, in: unsorted };
    assert.throws(() => pagerank(graph, { blockNodes: 1 }), (err: unknown) => err instanceof VouchError && err.code === 'INTERNAL');
    // In one block, the order within a row only changes the order of a sum.
    assert.ok(maxAbsDiff(pagerank(graph).scores, pagerank(graphOf(3, [[0, 1], [2, 1]])).scores) < 1e-15);
  });

  it('honours damping, and reports non-convergence as data', () => {
    const { src, dst } = randomEdges(100, 600, 5);
    const g = buildGraph({ nodeCount: 100, edgeCount: src.length, src, dst, weights: null });
    assert.ok(maxAbsDiff(pagerank(g, { damping: 0.5 }).scores, naivePagerank(naiveGraph(100, src, dst), 0.5)) < 1e-10);
    const capped = pagerank(g, { maxIterations: 2 });
    assert.equal(capped.converged, false);
    assert.equal(capped.iterations, 2);
    assert.ok(Math.abs(sum(capped.scores) - 1) < 1e-12);
  });

  it('rejects invalid options', () => {
    const g = graphOf(2, [[0, 1]]);
    for (const options of [{ damping: 1 }, { damping: -0.1 }, { tolerance: 0 }, { maxIterations: 0 }, { renumberMinEdges: -1 }, { renumberMinEdges: Number.NaN }]) {
      assert.throws(() => pagerank(g, options), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
    }
    assert.throws(() => weightedPagerank(g), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
  });

  for (const [name, file, format] of [
    ['ukwa-1996', UKWA_PATH, 'ukwa'],
    ['polblogs', POLBLOGS_PATH, 'tsv'],
  ] as const) {
    it(`equals networkx pagerank(alpha=0.85) and weight='weight' on ${name} within 1e-6`, async () => {
      const reference = loadReference(name);
      const { edges, names } = await readEdgeFile(file, { format, weighted: true });
      const graph = buildGraph(edges);
      assert.equal(graph.nodeCount, reference.size);
      const plain = pagerank(graph);
      const weighted = weightedPagerank(graph);
      assert.equal(plain.converged, true);
      assert.equal(weighted.converged, true);
      let maxPlain = 0;
      let maxWeighted = 0;
      names.forEach((node, id) => {
        const row = reference.get(node)!;
        maxPlain = Math.max(maxPlain, Math.abs(plain.scores[id] - row.pagerank));
        maxWeighted = Math.max(maxWeighted, Math.abs(weighted.scores[id] - row.weightedPagerank));
      });
      assert.ok(maxPlain < 1e-6, `max abs diff ${maxPlain}`);
      assert.ok(maxWeighted < 1e-6, `max abs diff ${maxWeighted}`);
      // Far tighter than required: both solve to ~1e-10.
      assert.ok(maxPlain < 1e-9 && maxWeighted < 1e-9, `max abs diff ${maxPlain}, ${maxWeighted}`);
      // Renumbered by score or not (UKWA is renumbered by default, polblogs is too small), the same fixed point.
      for (const renumberMinEdges of [0, Infinity]) {
        assert.ok(maxAbsDiff(pagerank(graph, { renumberMinEdges }).scores, plain.scores) < 1e-9, `renumberMinEdges ${renumberMinEdges}`);
        assert.ok(maxAbsDiff(weightedPagerank(graph, { renumberMinEdges }).scores, weighted.scores) < 1e-9, `weighted, renumberMinEdges ${renumberMinEdges}`);
      }
    });
  }
});
