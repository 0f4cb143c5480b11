/**
 * Transpose a CSR: every edge u → v becomes v → u.
 *
 * A counting sort by target: one pass counts, one pass places. Rows of the result come out sorted,
 * because sources are visited in ascending order; that is what lets `buildGraph` drop duplicate
 * edges with a linear scan. O(n + m) time, 4·(n + 1) + 4·m (+ 8·m weights) bytes.
 */
import type { Csr } from './csr.js';
import { BufferedScatter } from './internal/buffered-scatter.js';

export interface TransposeCsrOptions {
  /** Arrays (at least as long as the edge count) for the result's targets and weights, so a builder can reuse a buffer it no longer needs. */
  into?: { targets: Int32Array; weights: Float64Array | null } | null;
}

/** The transpose of `csr` over `nodeCount` nodes. */
export function transposeCsr(csr: Csr, nodeCount: number, options: TransposeCsrOptions = {}): Csr {
  const { into = null } = options;
  const { offsets, targets, weights } = csr;
  const edgeCount = offsets[nodeCount];
  const tOffsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) tOffsets[targets[e] + 1]++;
  for (let v = 0; v < nodeCount; v++) tOffsets[v + 1] += tOffsets[v];
  const cursor = tOffsets.slice(0, nodeCount);
  const tTargets = into === null ? new Int32Array(edgeCount) : into.targets.subarray(0, edgeCount);
  const tWeights = weights === null ? null : into?.weights ? into.weights.subarray(0, edgeCount) : new Float64Array(edgeCount);
  const scatter = new BufferedScatter(cursor, tTargets, tWeights, nodeCount);
  for (let u = 0; u < nodeCount; u++) {
    const end = offsets[u + 1];
    for (let e = offsets[u]; e < end; e++) scatter.push(targets[e], u, weights === null ? 0 : weights[e]);
  }
  scatter.finish();
  return { offsets: tOffsets, targets: tTargets, weights: tWeights };
}
