/**
 * The inner loops of the rank solver: one tiled Gauss-Seidel sweep of x = rhs + d·Aᵀ(x / out),
 * over-relaxed by ω. Each loop is its own small function over one array type, so V8 optimises each
 * once and never sees a Float32Array and a Float64Array at the same site.
 */

/** The arrays and scalars of a sweep. */
export interface SweepContext {
  readonly sources: Int32Array;
  readonly weights: Float64Array | null;
  /** The unknown, in double precision. */
  readonly x: Float64Array;
  /** x / out-mass, rounded to single precision: the vector every sweep reads at random. */
  readonly z: Float32Array;
  readonly invOut: Float64Array;
  readonly rhs: Float64Array;
  readonly d: number;
  /** Over-relaxation factor ω: x ← x + ω·(Gauss-Seidel value − x). */
  readonly omega: number;
  readonly starts: Int32Array;
  readonly bounds: readonly Int32Array[];
  /** Sums of the off-diagonal tiles for the current block. */
  readonly partial: Float64Array;
  /** Σ|Δx|, Σx and Σ|x| of the last sweep. */
  change: number;
  sum: number;
  sumAbs: number;
}

/**
 * One sweep, block by block. For target block c, the in-edges from every other block are summed first,
 * one source block at a time (so reads stay in that block); then the diagonal tile adds the in-block
 * edges and updates x and z in node order. Blocks before c were already updated in this sweep and
 * blocks after it were not, exactly as in an untiled Gauss-Seidel sweep.
 */
export function sweep(ctx: SweepContext): void {
  const { starts, bounds, sources, weights, z, partial } = ctx;
  ctx.change = 0;
  ctx.sum = 0;
  ctx.sumAbs = 0;
  const blocks = starts.length - 1;
  for (let c = 0; c < blocks; c++) {
    const first = starts[c];
    const last = starts[c + 1];
    partial.fill(0, 0, last - first);
    for (let b = 0; b < blocks; b++) {
      if (b === c) continue;
      if (weights === null) gather32(bounds[b], bounds[b + 1], sources, z, first, last, partial);
      else gather32Weighted(bounds[b], bounds[b + 1], sources, weights, z, first, last, partial);
    }
    if (weights === null) updateBlock(ctx, bounds[c], bounds[c + 1], first, last);
    else updateBlockWeighted(ctx, weights, bounds[c], bounds[c + 1], first, last);
  }
}

/** partial[v − first] += Σ z[u] over the segment [lo[v], hi[v]) of each v ∈ [first, last). */
export function gather32(lo: Int32Array, hi: Int32Array, sources: Int32Array, z: Float32Array, first: number, last: number, partial: Float64Array): void {
  for (let v = first; v < last; v++) partial[v - first] += rowSum(sources, z, lo[v], hi[v]);
}

/** partial[v − first] += Σ w·z[u]. */
export function gather32Weighted(
  lo: Int32Array,
  hi: Int32Array,
  sources: Int32Array,
  weights: Float64Array,
  z: Float32Array,
  first: number,
  last: number,
  partial: Float64Array,
): void {
  for (let v = first; v < last; v++) partial[v - first] += rowSumWeighted(sources, weights, z, lo[v], hi[v]);
}

/** As gather32 over a Float64Array and optional weights, for the double-precision residual. */
export function gather64(
  lo: Int32Array,
  hi: Int32Array,
  sources: Int32Array,
  weights: Float64Array | null,
  z: Float64Array,
  first: number,
  last: number,
  partial: Float64Array,
): void {
  for (let v = first; v < last; v++) {
    let sum = 0;
    const end = hi[v];
    if (weights === null) for (let e = lo[v]; e < end; e++) sum += z[sources[e]];
    else for (let e = lo[v]; e < end; e++) sum += weights[e] * z[sources[e]];
    partial[v - first] += sum;
  }
}

/**
 * Σ z[sources[e]] for e ∈ [start, end), with four partial sums: independent additions overlap in the
 * pipeline instead of waiting on one another.
 */
export function rowSum(sources: Int32Array, z: Float32Array, start: number, end: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let e = start;
  for (; e + 3 < end; e += 4) {
    s0 += z[sources[e]];
    s1 += z[sources[e + 1]];
    s2 += z[sources[e + 2]];
    s3 += z[sources[e + 3]];
  }
  for (; e < end; e++) s0 += z[sources[e]];
  return s0 + s1 + (s2 + s3);
}

/** Σ w[e]·z[sources[e]], as rowSum. */
export function rowSumWeighted(sources: Int32Array, weights: Float64Array, z: Float32Array, start: number, end: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let e = start;
  for (; e + 3 < end; e += 4) {
    s0 += weights[e] * z[sources[e]];
    s1 += weights[e + 1] * z[sources[e + 1]];
    s2 += weights[e + 2] * z[sources[e + 2]];
    s3 += weights[e + 3] * z[sources[e + 3]];
  }
  for (; e < end; e++) s0 += weights[e] * z[sources[e]];
  return s0 + s1 + (s2 + s3);
}

/** The diagonal tile: add the in-block edges, then update x and z in node order. */
export function updateBlock(ctx: SweepContext, lo: Int32Array, hi: Int32Array, first: number, last: number): void {
  const { sources, x, z, invOut, rhs, d, omega, partial } = ctx;
  let change = 0;
  let sum = 0;
  let sumAbs = 0;
  for (let v = first; v < last; v++) {
    const old = x[v];
    const next = old + omega * (rhs[v] + d * (partial[v - first] + rowSum(sources, z, lo[v], hi[v])) - old);
    change += Math.abs(next - old);
    sum += next;
    sumAbs += Math.abs(next);
    x[v] = next;
    z[v] = next * invOut[v];
  }
  ctx.change += change;
  ctx.sum += sum;
  ctx.sumAbs += sumAbs;
}

export function updateBlockWeighted(ctx: SweepContext, weights: Float64Array, lo: Int32Array, hi: Int32Array, first: number, last: number): void {
  const { sources, x, z, invOut, rhs, d, omega, partial } = ctx;
  let change = 0;
  let sum = 0;
  let sumAbs = 0;
  for (let v = first; v < last; v++) {
    const old = x[v];
    const next = old + omega * (rhs[v] + d * (partial[v - first] + rowSumWeighted(sources, weights, z, lo[v], hi[v])) - old);
    change += Math.abs(next - old);
    sum += next;
    sumAbs += Math.abs(next);
    x[v] = next;
    z[v] = next * invOut[v];
  }
  ctx.change += change;
  ctx.sum += sum;
  ctx.sumAbs += sumAbs;
}
