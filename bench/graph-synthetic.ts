/**
 * A deterministic synthetic power-law web graph, generated in process into typed arrays (Chung–Lu
 * style): each edge draws its source from a Zipf law with exponent 0.6 (out-degree tail γ ≈ 2.7) and
 * its target from a Zipf law with exponent 0.9 (in-degree tail γ ≈ 2.1, as measured on web graphs),
 * and ids are shuffled so that hubs are spread over the id range. Duplicates and self-loops are left
 * in: `buildGraph` drops them, like any real edge list.
 */

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse CDF of a continuous Zipf law with exponent s on [1, n + 1), floored to 0 … n − 1. */
function zipfSampler(n: number, s: number): (u: number) => number {
  const a = (n + 1) ** (1 - s) - 1;
  const inv = 1 / (1 - s);
  return (u) => Math.min(n - 1, Math.floor((a * u + 1) ** inv) - 1);
}

export interface SyntheticEdges {
  nodeCount: number;
  edgeCount: number;
  src: Int32Array;
  dst: Int32Array;
  weights: null;
}

/**
 * `edgeCount` edges over `nodeCount` nodes, the same for the same arguments.
 * @example const edges = powerLawEdges(2_000_000, 20_000_000, 42);
 */
export function powerLawEdges(nodeCount: number, edgeCount: number, seed: number): SyntheticEdges {
  const rand = prng(seed);
  const permutation = new Int32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) permutation[i] = i;
  for (let i = nodeCount - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = permutation[i];
    permutation[i] = permutation[j];
    permutation[j] = t;
  }
  const outRank = zipfSampler(nodeCount, 0.6);
  const inRank = zipfSampler(nodeCount, 0.9);
  const src = new Int32Array(edgeCount);
  const dst = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    src[e] = permutation[outRank(rand())];
    // A second shuffle of the same permutation, reversed, decorrelates in- and out-hubs.
    dst[e] = permutation[nodeCount - 1 - inRank(rand())];
  }
  return { nodeCount, edgeCount, src, dst, weights: null };
}
