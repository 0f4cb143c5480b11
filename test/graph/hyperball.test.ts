import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { hyperBall, hyperBallLog2m } from '../../src/graph/hyperball.js';
import { readEdgeFile } from '../../src/graph/read-edge-file.js';
import { loadReference, POLBLOGS_PATH } from './reference-fixtures.js';

describe('hyperBall', () => {
  it('is close on tiny graphs, where linear counting is nearly exact', () => {
    // 0 → 1 → 2: H = [0, 1, 1.5]; linear counting overestimates k elements by about k²/2m.
    const graph = buildGraph({ nodeCount: 3, edgeCount: 2, src: Int32Array.of(0, 1), dst: Int32Array.of(1, 2), weights: null });
    const r = hyperBall(graph, { log2m: 10 });
    assert.equal(r.converged, true);
    assert.equal(r.scores[0], 0);
    assert.ok(Math.abs(r.scores[1] - 1) < 0.01 && Math.abs(r.scores[2] - 1.5) < 0.01, String(r.scores));
    assert.equal(hyperBall(buildGraph({ nodeCount: 0, edgeCount: 0, src: new Int32Array(0), dst: new Int32Array(0), weights: null })).scores.length, 0);
  });

  it('estimates igraph harmonic centrality on polblogs within the documented error', async () => {
    const reference = loadReference('polblogs');
    const { edges, names } = await readEdgeFile(POLBLOGS_PATH, { format: 'tsv' });
    const r = hyperBall(buildGraph(edges));
    assert.equal(r.converged, true);
    let total = 0;
    let count = 0;
    names.forEach((node, id) => {
      const exact = reference.get(node)!.harmonic;
      if (exact > 0) {
        total += Math.abs(r.scores[id] - exact) / exact;
        count++;
      } else assert.equal(r.scores[id], 0);
    });
    assert.ok(total / count < 0.1, `mean relative error ${total / count}`);
    assert.deepEqual(hyperBall(buildGraph(edges)).scores, r.scores, 'the same seed gives the same estimates');
  });

  it('sizes the counters to the memory budget', () => {
    assert.equal(hyperBallLog2m(50_000), 8);
    assert.equal(hyperBallLog2m(2_000_000), 7);
    assert.equal(hyperBallLog2m(4_000_000), 6);
    assert.equal(hyperBallLog2m(1e9), 4);
    assert.equal(hyperBallLog2m(1e9, { log2m: 10 }), 10);
  });

  it('rejects a register count out of range', () => {
    const graph = buildGraph({ nodeCount: 1, edgeCount: 0, src: new Int32Array(0), dst: new Int32Array(0), weights: null });
    assert.throws(() => hyperBall(graph, { log2m: 3 }), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
  });
});
