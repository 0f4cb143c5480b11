/**
 * PageRank (Brin & Page 1998; Page, Brin, Motwani & Winograd, "The PageRank Citation Ranking", 1999).
 *
 *   PR(v) = (1 − d)/n + d · ( Σ_{u → v} PR(u) / outdeg(u) + Σ_{u dangling} PR(u) / n )
 *
 * n nodes; d the damping factor (0.85); outdeg(u) the number of distinct successors of u; a dangling
 * node (no out-links) spreads its rank uniformly over all nodes. Duplicate edges count once, and
 * self-loops are dropped when the graph is built. Solved by Gauss-Seidel on the equivalent linear
 * system (see internal/solve-rank.ts): O(n + m) per sweep, about half the sweeps of the power method,
 * stopping when the L1 change is below 1e-10. Matches networkx `pagerank(alpha=0.85)`.
 */
import type { DirectedGraph } from './csr.js';
import { rankOptions, solveRank } from './internal/solve-rank.js';
import type { RankOptions, RankResult } from './internal/solve-rank.js';

export type PagerankOptions = RankOptions;
export type { RankResult } from './internal/solve-rank.js';
export { RANK_DEFAULTS as PAGERANK_DEFAULTS } from './internal/solve-rank.js';

/**
 * PageRank of every node; the scores sum to 1.
 * @example const { scores, converged } = pagerank(buildGraph(edges));
 */
export function pagerank(graph: DirectedGraph, options: PagerankOptions = {}): RankResult {
  return solveRank(graph, null, false, rankOptions(options));
}
