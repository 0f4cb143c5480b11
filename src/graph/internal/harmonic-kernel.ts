/**
 * Multi-source BFS with bitsets (Then et al., "The More the Merrier: Efficient Multi-Source Graph
 * Traversal", VLDB 2014), accumulating harmonic centrality. A batch runs 32 breadth-first searches at
 * once along out-edges: bit i of node v's word says whether source i has reached v. At level k the
 * bits that newly arrive at v are the sources y with d(y, v) = k, so v gains popcount / k. One edge
 * scan serves the whole batch, and only nodes on some frontier are expanded.
 *
 * Batch b holds sources [32·b, 32·b + 32). A caller (a worker thread) takes the batches firstBatch,
 * firstBatch + stride, …, which keeps the split, and so the floating-point sums, deterministic.
 * (Wider words, 64–256 sources a batch, scan fewer edges but measured slower in V8.)
 */
export interface HarmonicKernelInput {
  readonly nodeCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly firstBatch: number;
  readonly batchStride: number;
  /** Receives the sums, added to what is there; length nodeCount. */
  readonly harmonic: Float64Array;
  /** Called after each batch with the number of sources done. */
  readonly onBatch?: (sourcesDone: number) => void;
}

/** Sources per batch. */
export const HARMONIC_BATCH = 32;

export function accumulateHarmonic(input: HarmonicKernelInput): void {
  const { nodeCount: n, offsets, targets, firstBatch, batchStride, harmonic, onBatch } = input;
  const seen = new Int32Array(n);
  const frontier = new Int32Array(n);
  // NOTE: `next` is all zero between levels, so a zero word marks a node's first touch in a level.
  const next = new Int32Array(n);
  const active = new Int32Array(n);
  const touched = new Int32Array(n);

  for (let b = firstBatch; b * HARMONIC_BATCH < n; b += batchStride) {
    const first = b * HARMONIC_BATCH;
    const last = Math.min(n, first + HARMONIC_BATCH);
    seen.fill(0);
    let activeCount = 0;
    for (let s = first; s < last; s++) {
      const bit = 1 << (s - first);
      seen[s] = bit;
      frontier[s] = bit;
      active[activeCount++] = s;
    }
    let level = 0;
    while (activeCount > 0) {
      level++;
      let touchedCount = 0;
      for (let a = 0; a < activeCount; a++) {
        const u = active[a];
        const bits = frontier[u];
        const end = offsets[u + 1];
        for (let e = offsets[u]; e < end; e++) {
          const w = targets[e];
          const old = next[w];
          // Branch-free "if (old === 0) touched.push(w)": the sign bit of old | -old is set iff old ≠ 0.
          touched[touchedCount] = w;
          touchedCount += ((old | -old) >>> 31) ^ 1;
          next[w] = old | bits;
        }
        frontier[u] = 0;
      }
      const inverseLevel = 1 / level;
      activeCount = 0;
      for (let t = 0; t < touchedCount; t++) {
        const w = touched[t];
        const fresh = next[w] & ~seen[w];
        next[w] = 0;
        if (fresh !== 0) {
          seen[w] |= fresh;
          frontier[w] = fresh;
          harmonic[w] += popcount(fresh) * inverseLevel;
          active[activeCount++] = w;
        }
      }
    }
    onBatch?.(last - first);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
