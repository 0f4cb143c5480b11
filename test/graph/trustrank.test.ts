import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { readEdgeFile } from '../../src/graph/read-edge-file.js';
import { matchSeeds } from '../../src/graph/read-trust-file.js';
import { trustrank } from '../../src/graph/trustrank.js';
import { maxAbsDiff, naiveGraph, naivePagerank, randomEdges } from './naive-reference.js';
import { loadReference, POLBLOGS_PATH, seedNames, UKWA_PATH } from './reference-fixtures.js';

const isInvalid = (err: unknown): boolean => err instanceof VouchError && err.code === 'INVALID_INPUT';

describe('trustrank', () => {
  it('matches naive personalised PageRank with dangling rank returned to the seeds', () => {
    const n = 200;
    const { src, dst, weights } = randomEdges(n, 1500, 3, true);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights });
    const seeds = [0, 5, 5, 17];
    const p = new Array<number>(n).fill(0);
    for (const s of [0, 5, 17]) p[s] = 1 / 3;
    const naive = naiveGraph(n, src, dst, weights);
    assert.ok(maxAbsDiff(trustrank(graph, seeds).scores, naivePagerank(naive, 0.85, p)) < 1e-10);
    assert.ok(maxAbsDiff(trustrank(graph, seeds, { weighted: true }).scores, naivePagerank(naive, 0.85, p, true)) < 1e-10);
  });

  it('gives nothing to nodes no seed reaches', () => {
    // 0 → 1 → 2, and 3 → 4 apart.
    const graph = buildGraph({ nodeCount: 5, edgeCount: 3, src: Int32Array.of(0, 1, 3), dst: Int32Array.of(1, 2, 4), weights: null });
    const { scores } = trustrank(graph, [0]);
    assert.equal(scores[3], 0);
    assert.equal(scores[4], 0);
    assert.ok(scores[0] > scores[1] && scores[1] > scores[2] && scores[2] > 0);
    assert.ok(Math.abs(scores.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });

  it('returns nothing for the empty graph, and rejects empty or unknown seeds', () => {
    assert.equal(trustrank(buildGraph({ nodeCount: 0, edgeCount: 0, src: new Int32Array(0), dst: new Int32Array(0), weights: null }), []).scores.length, 0);
    const graph = buildGraph({ nodeCount: 2, edgeCount: 1, src: Int32Array.of(0), dst: Int32Array.of(1), weights: null });
    assert.throws(() => trustrank(graph, []), isInvalid);
    assert.throws(() => trustrank(graph, [2]), isInvalid);
    assert.throws(() => trustrank(graph, [0.5]), isInvalid);
  });

  for (const [name, file, format, seedFile] of [
    ['ukwa-1996', UKWA_PATH, 'ukwa', 'ukwa-trust-seeds.txt'],
    ['polblogs', POLBLOGS_PATH, 'tsv', 'polblogs-trust-seeds.txt'],
  ] as const) {
    it(`equals networkx pagerank with a personalization vector on ${name} within 1e-6`, async () => {
      const reference = loadReference(name);
      const { edges, names } = await readEdgeFile(file, { format });
      const graph = buildGraph(edges);
      const { seeds, unmatched } = matchSeeds(names, seedNames(seedFile));
      assert.deepEqual(unmatched, []);
      // Renumbered by score (the teleport vector renumbered with the nodes) or not, the same scores.
      for (const renumberMinEdges of [0, Infinity]) {
        const result = trustrank(graph, seeds, { renumberMinEdges });
        assert.equal(result.converged, true);
        let max = 0;
        names.forEach((node, id) => (max = Math.max(max, Math.abs(result.scores[id] - reference.get(node)!.trustrank))));
        assert.ok(max < 1e-6, `max abs diff ${max}, renumberMinEdges ${renumberMinEdges}`);
      }
    });
  }
});
