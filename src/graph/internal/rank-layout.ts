/**
 * How the rank solver cuts the nodes into blocks of at most `blockNodes` ids (the cache tiles).
 * Because in-rows are grouped by source block, in block order (sorted rows are), the in-edges of row v
 * from source block b form one contiguous segment [bounds[b][v], bounds[b + 1][v]); a tile pass over (target block c, source block b) reads
 * only block b of the gathered vector, which stays in cache.
 */
import { VouchError } from '../../core/errors.js';

export interface RankLayout {
  /** Block b is nodes [starts[b], starts[b + 1]); the last entry is n. */
  readonly starts: Int32Array;
  /** Segment starts per block boundary: bounds[0] are row starts, bounds[blocks] row ends (views of offsets). */
  readonly bounds: readonly Int32Array[];
  /** The most nodes in one block. */
  readonly maxBlockNodes: number;
}

/** Cut `n` nodes into blocks, checking that in-rows are grouped by source block. 4·n bytes per extra block. */
export function rankLayout(offsets: Int32Array, sources: Int32Array, n: number, blockNodes: number): RankLayout {
  const blocks = Math.max(1, Math.ceil(n / blockNodes));
  const starts = new Int32Array(blocks + 1);
  for (let b = 0; b < blocks; b++) starts[b] = b * blockNodes;
  starts[blocks] = n;
  // One block needs no grouping and no segment starts.
  if (blocks === 1) return { starts, bounds: [offsets, offsets.subarray(1)], maxBlockNodes: n };
  const bounds: Int32Array[] = [offsets];
  for (let b = 1; b < blocks; b++) bounds.push(new Int32Array(n));
  bounds.push(offsets.subarray(1));
  for (let v = 0; v < n; v++) {
    const rowStart = offsets[v];
    const rowEnd = offsets[v + 1];
    for (let e = rowStart + 1; e < rowEnd; e++) {
      if (Math.floor(sources[e] / blockNodes) < Math.floor(sources[e - 1] / blockNodes)) {
        throw new VouchError('INTERNAL', `in-edges of node ${v} are not grouped by source block`);
      }
    }
    let e = rowStart;
    for (let b = 1; b < blocks; b++) {
      while (e < rowEnd && sources[e] < starts[b]) e++;
      bounds[b][v] = e;
    }
  }
  return { starts, bounds, maxBlockNodes: Math.min(n, blockNodes) };
}
