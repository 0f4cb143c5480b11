/**
 * Slow, obviously-correct implementations that the fast typed-array code is tested against. They
 * share no code with src/graph: plain arrays, Sets of edges, textbook power iteration and BFS.
 */

/** A small directed graph as distinct edge pairs, self-loops removed. */
export interface NaiveGraph {
  n: number;
  edges: Array<[number, number]>;
  weights?: number[];
}

/** Deterministic PRNG (mulberry32), for reproducible random graphs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random graph with possibly duplicate edges and self-loops, as raw arrays. */
export function randomEdges(n: number, m: number, seed: number, weighted = false): { src: Int32Array; dst: Int32Array; weights: Float64Array | null } {
  const rand = mulberry32(seed);
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weights = weighted ? new Float64Array(m) : null;
  for (let e = 0; e < m; e++) {
    // Skewed targets make hubs, dangling nodes and unreachable nodes, like a web graph.
    src[e] = Math.floor(rand() * n);
    dst[e] = Math.floor(n * rand() ** 2);
    if (weights) weights[e] = 1 + Math.floor(rand() * 5);
  }
  return { src, dst, weights };
}

/** Distinct edges without self-loops; duplicate weights add up. */
export function naiveGraph(n: number, src: ArrayLike<number>, dst: ArrayLike<number>, weights: ArrayLike<number> | null = null): NaiveGraph {
  const map = new Map<string, number>();
  for (let e = 0; e < src.length; e++) {
    if (src[e] === dst[e]) continue;
    const key = `${src[e]},${dst[e]}`;
    map.set(key, (map.get(key) ?? 0) + (weights ? weights[e] : 1));
  }
  const edges: Array<[number, number]> = [];
  const w: number[] = [];
  for (const [key, weight] of map) {
    const [u, v] = key.split(',').map(Number) as [number, number];
    edges.push([u, v]);
    w.push(weight);
  }
  return { n, edges, weights: w };
}

/**
 * Power iteration for PageRank with teleport `p` (uniform if null), dangling rank spread along `p`, until
 * the L1 change is below 1e-15.
 */
export function naivePagerank(g: NaiveGraph, damping = 0.85, p: number[] | null = null, weighted = false): number[] {
  const { n } = g;
  const tele = p ?? new Array<number>(n).fill(1 / n);
  const outMass = new Array<number>(n).fill(0);
  g.edges.forEach(([u], i) => (outMass[u] += weighted ? g.weights![i] : 1));
  let x = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 100000; iter++) {
    let dangling = 0;
    for (let u = 0; u < n; u++) if (outMass[u] === 0) dangling += x[u];
    const next = tele.map((t) => (1 - damping) * t + damping * dangling * t);
    g.edges.forEach(([u, v], i) => (next[v] += (damping * x[u] * (weighted ? g.weights![i] : 1)) / outMass[u]));
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(next[v] - x[v]);
    x = next;
    if (change < 1e-15) break;
  }
  return x;
}

/** Linear (unnormalised) PageRank y = d·Aᵀy + (1 − d)·v by power iteration; dangling rank leaks away. */
export function naiveLinearPagerank(g: NaiveGraph, v: number[], damping = 0.85): number[] {
  const outDeg = new Array<number>(g.n).fill(0);
  for (const [u] of g.edges) outDeg[u]++;
  let y = v.map((t) => (1 - damping) * t);
  for (let iter = 0; iter < 100000; iter++) {
    const next = v.map((t) => (1 - damping) * t);
    for (const [u, w] of g.edges) next[w] += (damping * y[u]) / outDeg[u];
    let change = 0;
    for (let i = 0; i < g.n; i++) change += Math.abs(next[i] - y[i]);
    y = next;
    if (change < 1e-17) break;
  }
  return y;
}

/** H(x) = Σ_{y≠x} 1/d(y, x) by one plain BFS per source. */
export function naiveHarmonic(g: NaiveGraph): number[] {
  const adj: number[][] = Array.from({ length: g.n }, () => []);
  for (const [u, v] of g.edges) adj[u].push(v);
  const h = new Array<number>(g.n).fill(0);
  for (let s = 0; s < g.n; s++) {
    const dist = new Array<number>(g.n).fill(-1);
    dist[s] = 0;
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i];
      for (const v of adj[u]) {
        if (dist[v] === -1) {
          dist[v] = dist[u] + 1;
          queue.push(v);
          h[v] += 1 / dist[v];
        }
      }
    }
  }
  return h;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
