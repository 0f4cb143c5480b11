/**
 * Relative spam mass (Gyöngyi, Berkhin, Garcia-Molina & Pedersen, "Link Spam Detection Based on Mass
 * Estimation", VLDB 2006): the share of a node's PageRank that does not come from the trusted core.
 *
 *   m(x) = (p(x) − p⁺(x)) / p(x) = 1 − p⁺(x) / p(x)
 *
 * p is PageRank with jump vector v = 1/n on every node; p⁺, the good core's contribution, is PageRank
 * with jump vector v⁺ = 1/n on the seeds S and 0 elsewhere. Both are taken in the paper's linear
 * (unnormalised) form y = d·Aᵀy + (1 − d)·v, which is linear in v, so p = p⁺ + p⁻ exactly and m(x) is a
 * true fraction in [0, 1]: 0 for rank that all flows from trusted nodes, 1 for rank with none.
 *
 * From the normalised `pagerank` π and `trustrank` τ (whose jump is 1/|S| on S), with δ the dangling
 * nodes: the linear solutions are π / (1 − d + d·δᵀπ) and τ / (1 − d + d·δᵀτ), so
 *
 *   m(x) = 1 − (|S|/n) · ((1 − d + d·δᵀπ) / (1 − d + d·δᵀτ)) · τ(x) / π(x)
 *
 * (the seed count and the dangling masses undo the two normalisations). Values are clamped to
 * [0, 1] against rounding at the solver's tolerance. O(n).
 */
import { VouchError } from '../core/errors.js';
import type { DirectedGraph } from './csr.js';
import { RANK_DEFAULTS } from './internal/solve-rank.js';

export interface SpamMassOptions {
  /** The damping factor both ranks were computed with. */
  damping?: number;
}

export const SPAM_MASS_DEFAULTS = { damping: RANK_DEFAULTS.damping } satisfies Required<SpamMassOptions>;

/**
 * Relative spam mass of every node from its PageRank and its TrustRank over `seedCount` distinct seeds.
 * @example spamMass(graph, pagerank(graph).scores, trustrank(graph, seeds).scores, seeds.length)
 */
export function spamMass(graph: DirectedGraph, pagerank: Float64Array, trust: Float64Array, seedCount: number, options: SpamMassOptions = {}): Float64Array {
  const { damping: d } = { ...SPAM_MASS_DEFAULTS, ...options };
  const n = graph.nodeCount;
  if (pagerank.length !== n || trust.length !== n) throw new VouchError('INVALID_INPUT', 'pagerank and trust must have one score per node');
  if (!(seedCount >= 1 && seedCount <= n)) throw new VouchError('INVALID_INPUT', `seedCount must be in 1…${n}, got ${seedCount}`);
  const offsets = graph.out.offsets;
  let danglingRank = 0;
  let danglingTrust = 0;
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1] === offsets[v]) {
      danglingRank += pagerank[v];
      danglingTrust += trust[v];
    }
  }
  const scale = (seedCount / n) * ((1 - d + d * danglingRank) / (1 - d + d * danglingTrust));
  const mass = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const m = pagerank[v] > 0 ? 1 - (scale * trust[v]) / pagerank[v] : 0;
    mass[v] = m < 0 ? 0 : m > 1 ? 1 : m;
  }
  return mass;
}
