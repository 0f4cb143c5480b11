/**
 * The one solver behind PageRank, weighted PageRank and TrustRank.
 *
 * With dangling rank sent along the teleport vector v (uniform for PageRank, the seeds for TrustRank),
 *   π = d·(Aᵀπ + v·δᵀπ) + (1 − d)·v
 * is a multiple of the solution y of the linear system  y = d·Aᵀy + (1 − d)·v  (Langville & Meyer,
 * "Deeper Inside PageRank", 2004, §5.1; Del Corso, Gullì & Romani 2005), where A is the row-stochastic
 * transition matrix with dangling rows left zero and δ marks dangling nodes. So π = y / ‖y‖₁, and no
 * dangling sum is needed inside the loop. The system matrix I − d·Aᵀ is a nonsingular M-matrix, so
 * Gauss-Seidel converges to the same fixed point as the power method, in about half the sweeps.
 *
 * How it runs fast without changing the answer:
 * - Gauss-Seidel sweeps in node order, pulling over in-edges, each new value used at once, over-
 *   relaxed by ω = 2/(1 + d) − 0.01 (1.07 at d = 0.85). The Jacobi matrix d·Aᵀ is nonnegative with
 *   spectral radius ≤ d, so SOR converges for 0 < ω < 2/(1 + d) (Varga, "Matrix Iterative Analysis",
 *   §3.6); ω saves about 13% of the sweeps on UKWA, polblogs and the benchmark graph.
 * - Cache tiles (internal/rank-layout.ts): random reads stay within 4 MiB blocks.
 * - Mixed-precision iterative refinement (Wilkinson; Moler 1967): the vector read at random is stored
 *   in single precision, halving the bytes fetched. Single precision alone would stall near 10⁻⁷, so
 *   the solver works on corrections: round 1 solves for y until the sweep change reaches 10⁻⁶; each
 *   later round computes the residual r = (1 − d)·v + d·Aᵀy − y in double precision and solves
 *   x = r + d·Aᵀx for the correction x, whose own rounding is 10⁻⁷ of a value already 10⁻⁶ of y.
 *   y ← y + x. The fixed point is the double-precision one.
 * - Renumbering (internal/relabel-by-score.ts): after a few sweeps the nodes are renumbered by their
 *   score so far, highest first, and the in-CSR is copied in that numbering. The hubs then share cache
 *   lines, and Gauss-Seidel updates first the nodes that carry most rank: 51 sweeps fell to 31 on the
 *   2M/20M benchmark graph, each cheaper. The system and its fixed point are the same.
 * - One thread. Splitting the nodes between worker threads (each sweeping its part, reading the
 *   others one sweep late) was tried and measured slower here: it needed 55% more sweeps, and two
 *   threads on this 2-core machine did not halve the time of one.
 *
 * Start from y = v and stop when the L1 change of a sweep, relative to ‖y‖₁ (the L1 change of π), is
 * below `tolerance`. O(n + m) per sweep; memory 36·n bytes, plus 4·n per extra tile, plus 4·m + 12·n
 * (8·m more when weighted) once renumbered.
 */
import { VouchError } from '../../core/errors.js';
import type { DirectedGraph } from '../csr.js';
import { gather64, sweep } from './rank-kernels.js';
import type { SweepContext } from './rank-kernels.js';
import type { RankOptions, RankResult } from './rank-options.js';
import { rankLayout } from './rank-layout.js';
import { orderByScore, permuteValues, renumberedInCsr, unpermuteValues } from './relabel-by-score.js';

export type { RankOptions, RankResult } from './rank-options.js';
export { RANK_DEFAULTS, rankOptions } from './rank-options.js';

/** Relative sweep change at which single-precision rounding may start to show; a round ends there. */
const SINGLE_PRECISION_FLOOR = 1e-6;
/** Sweeps before the nodes are renumbered by score: enough for the hubs to stand out. */
const RENUMBER_AFTER_SWEEPS = 4;
/**
 * Tiles after renumbering are this many times larger: the hubs' values are then read from a few
 * pages, and another tile pass per row costs more than the random reads it saves (2M/20M benchmark
 * graph, renumbered: a median sweep of 112–128 ms in one tile of 2M nodes against 182–227 ms in two
 * of 1M, on a loaded machine).
 */
const RENUMBERED_BLOCK_FACTOR = 4;

/**
 * Solve for the stationary scores with teleport vector `teleport` (sums to 1; null for uniform),
 * using edge weights when `weighted` (the graph must carry them).
 */
export function solveRank(graph: DirectedGraph, teleport: Float64Array | null, weighted: boolean, options: Required<RankOptions>): RankResult {
  const n = graph.nodeCount;
  if (n === 0) return { scores: new Float64Array(0), iterations: 0, converged: true };
  const { damping: d, tolerance, maxIterations, onIteration, blockNodes, renumberMinEdges } = options;
  if (weighted && graph.in.weights === null) throw new VouchError('INVALID_INPUT', 'weighted rank needs a graph built with weights');
  let v0 = teleport;
  let x: Float64Array = new Float64Array(n);
  let invOut: Float64Array = inverseOutMass(graph, weighted);
  let rhs: Float64Array = new Float64Array(n);
  let y: Float64Array = new Float64Array(n);
  // Round 1 solves for y itself, starting from v: the correction to y = 0, with r = (1 − d)·v.
  for (let v = 0; v < n; v++) {
    const t = v0 === null ? 1 / n : v0[v];
    rhs[v] = (1 - d) * t;
    x[v] = t;
  }
  let ctx = sweepContext(graph.in.offsets, graph.in.targets, weighted ? graph.in.weights : null, x, invOut, rhs, d, blockNodes, new Float32Array(n));
  let order: Int32Array | null = null;
  let ySum = 0;
  let rounds = 1;
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    sweep(ctx);
    iterations++;
    const total = ySum + ctx.sum;
    if (onIteration !== null) onIteration(iterations, ctx.change / total);
    if (ctx.change <= tolerance * total) converged = true;
    else if (ctx.change <= SINGLE_PRECISION_FLOOR * ctx.sumAbs && iterations < maxIterations) {
      // Fold the correction into y and start a round on the new residual.
      ySum = 0;
      for (let v = 0; v < n; v++) {
        y[v] += x[v];
        ySum += y[v];
      }
      iterations++;
      rounds++;
      residual(y, ctx, v0);
    } else if (iterations === RENUMBER_AFTER_SWEEPS && rounds === 1 && graph.edgeCount >= renumberMinEdges) {
      // Renumber by the scores so far (internal/relabel-by-score.ts): the same system, its unknowns in
      // another order. Still in round 1, so y is 0 and rhs follows from v, and both buffers can hold
      // the renumbered x and out-masses: no vector is added, only the renumbered in-CSR and `order`.
      // z is derived from x, so its buffer holds the inverse numbering meanwhile.
      const renumbering = orderByScore(x, new Int32Array(ctx.z.buffer, ctx.z.byteOffset, n));
      order = renumbering.order;
      const renumberedBlock = blockNodes * RENUMBERED_BLOCK_FACTOR;
      const csr = renumberedInCsr(graph, renumbering, renumberedBlock, weighted);
      const [xNext, invOutNext] = permuteValues([x, invOut], order, [rhs, y]);
      if (v0 !== null) [v0] = permuteValues([v0], order);
      [rhs, y] = [x, invOut];
      [x, invOut] = [xNext, invOutNext];
      y.fill(0);
      for (let v = 0; v < n; v++) rhs[v] = (1 - d) * (v0 === null ? 1 / n : v0[v]);
      ctx = sweepContext(csr.offsets, csr.sources, csr.weights, x, invOut, rhs, d, renumberedBlock, ctx.z);
    }
  }
  let total = 0;
  for (let v = 0; v < n; v++) {
    y[v] += x[v];
    total += y[v];
  }
  for (let v = 0; v < n; v++) y[v] /= total;
  return { scores: order === null ? y : unpermuteValues(y, order, x), iterations, converged };
}

/** The sweep state over one numbering of the nodes; z (x / out-mass in single precision) is filled from x. */
function sweepContext(
  offsets: Int32Array,
  sources: Int32Array,
  weights: Float64Array | null,
  x: Float64Array,
  invOut: Float64Array,
  rhs: Float64Array,
  d: number,
  blockNodes: number,
  z: Float32Array,
): SweepContext {
  const n = x.length;
  const layout = rankLayout(offsets, sources, n, blockNodes);
  for (let v = 0; v < n; v++) z[v] = x[v] * invOut[v];
  return {
    sources,
    weights,
    x,
    z,
    invOut,
    rhs,
    d,
    omega: Math.max(1, 2 / (1 + d) - 0.01),
    starts: layout.starts,
    bounds: layout.bounds,
    partial: new Float64Array(layout.maxBlockNodes),
    change: 0,
    sum: 0,
    sumAbs: 0,
  };
}

/**
 * rhs ← (1 − d)·v + d·Aᵀ(y / out) − y in double precision, and x, z ← 0 for the next round.
 * x holds y / out while the residual is gathered, so no extra array is needed.
 */
function residual(y: Float64Array, ctx: SweepContext, teleport: Float64Array | null): void {
  const { sources, weights, x, z, invOut, rhs, d, starts, bounds, partial } = ctx;
  const n = x.length;
  const blocks = starts.length - 1;
  for (let v = 0; v < n; v++) x[v] = y[v] * invOut[v];
  for (let c = 0; c < blocks; c++) {
    const first = starts[c];
    const last = starts[c + 1];
    partial.fill(0, 0, last - first);
    for (let b = 0; b < blocks; b++) gather64(bounds[b], bounds[b + 1], sources, weights, x, first, last, partial);
    for (let v = first; v < last; v++) rhs[v] = (1 - d) * (teleport === null ? 1 / n : teleport[v]) + d * partial[v - first] - y[v];
  }
  x.fill(0);
  z.fill(0);
}

/** 1 / out-degree (or 1 / total out-weight); 0 for dangling nodes, which pass nothing along links. */
function inverseOutMass(graph: DirectedGraph, weighted: boolean): Float64Array {
  const { offsets, weights } = graph.out;
  const inv = new Float64Array(graph.nodeCount);
  for (let u = 0; u < graph.nodeCount; u++) {
    let mass = 0;
    if (weighted) for (let e = offsets[u]; e < offsets[u + 1]; e++) mass += weights![e];
    else mass = offsets[u + 1] - offsets[u];
    inv[u] = mass > 0 ? 1 / mass : 0;
  }
  return inv;
}
