import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { pagerank } from '../../src/graph/pagerank.js';
import { spamMass } from '../../src/graph/spam-mass.js';
import { trustrank } from '../../src/graph/trustrank.js';
import { maxAbsDiff, naiveGraph, naiveLinearPagerank, randomEdges } from './naive-reference.js';

describe('spamMass', () => {
  it('equals 1 − p⁺/p of the paper, from linear PageRank with core jump 1/n', () => {
    const n = 200;
    const { src, dst } = randomEdges(n, 1400, 21);
    const graph = buildGraph({ nodeCount: n, edgeCount: src.length, src, dst, weights: null });
    const seeds = [1, 2, 3, 50, 120];
    const mass = spamMass(graph, pagerank(graph, { tolerance: 1e-14 }).scores, trustrank(graph, seeds, { tolerance: 1e-14 }).scores, seeds.length);
    const naive = naiveGraph(n, src, dst);
    const p = naiveLinearPagerank(naive, new Array<number>(n).fill(1 / n));
    const core = new Array<number>(n).fill(0);
    for (const s of seeds) core[s] = 1 / n;
    const pPlus = naiveLinearPagerank(naive, core);
    const expected = p.map((value, v) => 1 - pPlus[v] / value);
    assert.ok(maxAbsDiff(mass, expected) < 1e-9, `max abs diff ${maxAbsDiff(mass, expected)}`);
    for (const m of mass) assert.ok(m >= 0 && m <= 1);
  });

  it('is 1 for a farm that no seed reaches and lower for a node the seed links to', () => {
    // Seed 0 links to 1; farm nodes 3…9 all link to 2; 2 links back to the farm.
    const src = [0, 1, 3, 4, 5, 6, 7, 8, 9, 2];
    const dst = [1, 0, 2, 2, 2, 2, 2, 2, 2, 3];
    const graph = buildGraph({ nodeCount: 10, edgeCount: src.length, src: Int32Array.from(src), dst: Int32Array.from(dst), weights: null });
    const mass = spamMass(graph, pagerank(graph).scores, trustrank(graph, [0]).scores, 1);
    assert.ok(mass[2] > 0.99, `farm target ${mass[2]}`);
    // Node 1's own teleport share is not from the core either, so its mass is 1 − p⁺/p ≈ 0.54, not 0.
    assert.ok(mass[1] < 0.6, `seed's neighbour ${mass[1]}`);
    assert.equal(mass[0] < mass[1], true);
  });

  it('rejects mismatched inputs', () => {
    const graph = buildGraph({ nodeCount: 2, edgeCount: 1, src: Int32Array.of(0), dst: Int32Array.of(1), weights: null });
    const isInvalid = (err: unknown): boolean => err instanceof VouchError && err.code === 'INVALID_INPUT';
    assert.throws(() => spamMass(graph, new Float64Array(1), new Float64Array(2), 1), isInvalid);
    assert.throws(() => spamMass(graph, new Float64Array(2), new Float64Array(2), 0), isInvalid);
  });
});
