/**
 * Weighted PageRank: PageRank whose random surfer follows an out-link in proportion to its weight.
 *
 *   PR(v) = (1 − d)/n + d · ( Σ_{u → v} PR(u) · w(u, v) / W(u) + Σ_{u dangling} PR(u) / n )
 *
 * w(u, v) > 0 is the edge weight (for the host graph: the number of links from u to v; duplicates in
 * an edge file add up), W(u) = Σ_v w(u, v). Same solver and stopping rule as `pagerank`; matches
 * networkx `pagerank(alpha=0.85, weight='weight')`. O(n + m) per sweep.
 */
import type { DirectedGraph } from './csr.js';
import { rankOptions, solveRank } from './internal/solve-rank.js';
import type { RankOptions, RankResult } from './internal/solve-rank.js';

/**
 * Weighted PageRank of every node; the graph must be built with weights. The scores sum to 1.
 * @example weightedPagerank(buildGraph({ ...edges, weights }))
 */
export function weightedPagerank(graph: DirectedGraph, options: RankOptions = {}): RankResult {
  return solveRank(graph, null, true, rankOptions(options));
}
