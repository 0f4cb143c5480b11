import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { harmonicCentrality } from '../../src/graph/harmonic.js';
import { readEdgeFile } from '../../src/graph/read-edge-file.js';
import { maxAbsDiff, naiveGraph, naiveHarmonic, randomEdges } from './naive-reference.js';
import { loadReference, POLBLOGS_PATH, UKWA_PATH } from './reference-fixtures.js';

function graphOf(n: number, edges: Array<[number, number]>) {
  return buildGraph({ nodeCount: n, edgeCount: edges.length, src: Int32Array.from(edges.map((e) => e[0])), dst: Int32Array.from(edges.map((e) => e[1])), weights: null });
}

describe('harmonicCentrality', () => {
  it('handles the empty graph, a single node, and nodes with no links', async () => {
    assert.equal((await harmonicCentrality(graphOf(0, []))).length, 0);
    assert.deepEqual(Array.from(await harmonicCentrality(graphOf(1, []))), [0]);
    assert.deepEqual(Array.from(await harmonicCentrality(graphOf(3, []))), [0, 0, 0]);
  });

  it('sums inverse distances along incoming paths, across components, counting duplicates once', async () => {
    // 0 → 1 → 2 (twice), and 3 ↔ 4 apart. H(2) = 1/1 + 1/2.
    const h = await harmonicCentrality(graphOf(5, [[0, 1], [1, 2], [1, 2], [3, 4], [4, 3]]));
    assert.deepEqual(Array.from(h), [0, 1, 1.5, 1, 1]);
  });

  it('matches a naive BFS from every node, in one thread and in two workers', async () => {
    // More than 32 nodes, so several batches, and a partial last batch.
    const n = 333;
    const { src, dst } = randomEdges(n, 2500, 13);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights: null });
    const expected = naiveHarmonic(naiveGraph(n, src, dst));
    assert.ok(maxAbsDiff(await harmonicCentrality(graph, { threads: 1 }), expected) < 1e-9);
    const progress: number[] = [];
    const parallel = await harmonicCentrality(graph, { threads: 2, inlineMaxWork: 0, onProgress: (done) => progress.push(done) });
    assert.ok(maxAbsDiff(parallel, expected) < 1e-9);
    assert.equal(progress.at(-1), n);
  });

  it('rejects a bad thread count', async () => {
    await assert.rejects(harmonicCentrality(graphOf(2, [[0, 1]]), { threads: 0 }), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
  });

  for (const [name, file, format] of [
    ['ukwa-1996', UKWA_PATH, 'ukwa'],
    ['polblogs', POLBLOGS_PATH, 'tsv'],
  ] as const) {
    it(`equals igraph harmonic_centrality(mode="in", normalized=False) on ${name} within 1e-6`, async () => {
      const reference = loadReference(name);
      const { edges, names } = await readEdgeFile(file, { format });
      const h = await harmonicCentrality(buildGraph(edges), { threads: 2 });
      let max = 0;
      names.forEach((node, id) => (max = Math.max(max, Math.abs(h[id] - reference.get(node)!.harmonic))));
      assert.ok(max < 1e-6, `max abs diff ${max}`);
    });
  }
});
