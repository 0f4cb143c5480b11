/**
 * TrustRank (Gyöngyi, Garcia-Molina & Pedersen, "Combating Web Spam with TrustRank", VLDB 2004):
 * PageRank whose teleport vector is uniform over a seed set S of trusted nodes.
 *
 *   T(v) = (1 − d)·s(v) + d · ( Σ_{u → v} T(u) / outdeg(u) + Σ_{u dangling} T(u) · s(v) ),  s(v) = [v ∈ S] / |S|
 *
 * Dangling policy: the trust held by a dangling node goes back to the seeds, along the teleport vector
 * (a surfer at a dead end restarts from a trusted page). Trust therefore only ever reaches nodes
 * reachable from a seed, and the scores sum to 1. This is networkx `pagerank(personalization=s)` with
 * its default `dangling=None`. With `weighted`, links are followed in proportion to their weight.
 * O(n + m) per sweep.
 */
import { VouchError } from '../core/errors.js';
import type { DirectedGraph } from './csr.js';
import { rankOptions, RANK_DEFAULTS, solveRank } from './internal/solve-rank.js';
import type { RankOptions, RankResult } from './internal/solve-rank.js';

export interface TrustrankOptions extends RankOptions {
  /** Follow links in proportion to their weight (the graph must carry weights). */
  weighted?: boolean;
}

export const TRUSTRANK_DEFAULTS = { ...RANK_DEFAULTS, weighted: false } satisfies Required<TrustrankOptions>;

/**
 * TrustRank from `seeds` (node ids; repeats count once). Throws INVALID_INPUT for an empty seed set
 * or an id outside the graph.
 * @example trustrank(graph, Int32Array.of(idOf('www.gov.uk')))
 */
export function trustrank(graph: DirectedGraph, seeds: ArrayLike<number>, options: TrustrankOptions = {}): RankResult {
  const { weighted, ...rest } = { ...TRUSTRANK_DEFAULTS, ...options };
  if (graph.nodeCount === 0) return { scores: new Float64Array(0), iterations: 0, converged: true };
  return solveRank(graph, seedVector(graph.nodeCount, seeds), weighted, rankOptions(rest));
}

/** The uniform distribution over the distinct seeds. */
export function seedVector(nodeCount: number, seeds: ArrayLike<number>): Float64Array {
  const vector = new Float64Array(nodeCount);
  let distinct = 0;
  for (let i = 0; i < seeds.length; i++) {
    const s = seeds[i];
    if (!(Number.isInteger(s) && s >= 0 && s < nodeCount)) throw new VouchError('INVALID_INPUT', `trust seed ${s} is not a node id`);
    if (vector[s] === 0) distinct++;
    vector[s] = 1;
  }
  if (distinct === 0) throw new VouchError('INVALID_INPUT', 'TrustRank needs at least one seed');
  for (let v = 0; v < nodeCount; v++) vector[v] /= distinct;
  return vector;
}
