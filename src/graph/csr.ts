/**
 * Compressed sparse row (CSR) adjacency: the edges of node `v` are
 * `targets[offsets[v]] … targets[offsets[v + 1] - 1]`, sorted ascending with no duplicates.
 *
 * Memory: 4·(n + 1) + 4·m bytes (+ 8·m with weights) for n nodes and m edges. Int32 offsets cap a
 * graph at 2³¹ − 1 edges per direction, far above what one process ranks in practice.
 */
export interface Csr {
  /** Length n + 1; offsets[n] is the edge count. */
  readonly offsets: Int32Array;
  /** Length ≥ offsets[n]; only the first offsets[n] entries are edges. */
  readonly targets: Int32Array;
  /** Edge weights aligned with `targets`, or null for an unweighted graph. */
  readonly weights: Float64Array | null;
}

/**
 * A directed graph over dense node ids 0 … n − 1, with its out-edges and its in-edges
 * (the transpose) both in CSR form. Pull-based algorithms (PageRank) read `in`; forward BFS reads `out`.
 */
export interface DirectedGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** For node u, the nodes v of its edges u → v. */
  readonly out: Csr;
  /** For node v, the nodes u of its edges u → v. */
  readonly in: Csr;
}

/** Out-degree of every node (distinct successors). */
export function outDegrees(graph: DirectedGraph): Int32Array {
  return rowLengths(graph.out.offsets, graph.nodeCount);
}

/** In-degree of every node (distinct predecessors). */
export function inDegrees(graph: DirectedGraph): Int32Array {
  return rowLengths(graph.in.offsets, graph.nodeCount);
}

function rowLengths(offsets: Int32Array, n: number): Int32Array {
  const lengths = new Int32Array(n);
  for (let v = 0; v < n; v++) lengths[v] = offsets[v + 1] - offsets[v];
  return lengths;
}
