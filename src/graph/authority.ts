/**
 * Authority 0–100: a monotone log-scale map of PageRank, like the familiar "domain rating" scores
 * but with a published formula.
 *
 *   A(x) = 100 · (ln p(x) − ln p_min) / (ln p_max − ln p_min)
 *
 * p(x) is the node's PageRank, p_min and p_max the smallest and largest PageRank in the graph. The
 * node with the most PageRank scores 100, those with the least (typically no in-links) score 0, and
 * every step of 10 is the same factor of PageRank, (p_max / p_min)^(1/10). The map is monotone, so it
 * never reorders nodes, and it depends only on the scores, so the same graph gives the same authority.
 * When all nodes have the same PageRank (a cycle, one node), every node scores 0. O(n).
 */

/**
 * Authority 0–100 of every node from its PageRank.
 * @example authority(pagerank(graph).scores)
 */
export function authority(pagerank: Float64Array): Float64Array {
  const n = pagerank.length;
  let min = Infinity;
  let max = 0;
  for (let v = 0; v < n; v++) {
    const p = pagerank[v];
    if (p > 0 && p < min) min = p;
    if (p > max) max = p;
  }
  const scores = new Float64Array(n);
  if (!(max > min)) return scores;
  const logMin = Math.log(min);
  const span = Math.log(max) - logMin;
  for (let v = 0; v < n; v++) {
    const p = pagerank[v];
    scores[v] = p > 0 ? (100 * (Math.log(p) - logMin)) / span : 0;
  }
  return scores;
}
