/**
 * Child process of graph-pagerank.bench.ts and graph-harmonic.bench.ts, so that each measurement has
 * a clean heap and its own peak RSS. Prints one JSON line on stdout.
 *
 *   node --import tsx bench/graph-rank-child.ts pagerank NODES EDGES OUT_DIR
 *   node --import tsx bench/graph-rank-child.ts graphology NODES EDGES
 *   node --import tsx bench/graph-rank-child.ts harmonic UKWA_PATH THREADS
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraph } from '../src/graph/build-graph.js';
import { harmonicCentrality } from '../src/graph/harmonic.js';
import { pagerank } from '../src/graph/pagerank.js';
import type { RankResult } from '../src/graph/pagerank.js';
import { readEdgeFile } from '../src/graph/read-edge-file.js';
import { powerLawEdges } from './graph-synthetic.js';

/** graphology-metrics' CommonJS default export, typed as NodeNext cannot see it. */
type GraphologyPagerank = (graph: unknown, options: Record<string, unknown>) => Record<string, number>;

const [mode, a, b, c] = process.argv.slice(2);

/**
 * The synthetic edge list and its graph. The edge list is held through the build and dropped after it,
 * as `vouch rank` does with the edges it reads from a store (internal/store-graph.ts): the peak counts
 * the input while the build needs it, not while the graph is ranked.
 */
function buildSynthetic(nodes: number, edgeCount: number): { graph: ReturnType<typeof buildGraph>; inputEdges: number; buildMs: number } {
  const edges = powerLawEdges(nodes, edgeCount, 42);
  const t = performance.now();
  const graph = buildGraph(edges);
  return { graph, inputEdges: edges.edgeCount, buildMs: performance.now() - t };
}

if (mode === 'pagerank') {
  const baselineBytes = process.memoryUsage().rss;
  const { graph, inputEdges, buildMs } = buildSynthetic(Number(a), Number(b));
  // Best of two, as for igraph: the machine is shared and timings drift.
  let rankMs = Infinity;
  let result: RankResult | null = null;
  let peakBytes = 0;
  for (let run = 0; run < 2; run++) {
    const t = performance.now();
    result = pagerank(graph);
    rankMs = Math.min(rankMs, performance.now() - t);
    // Peak over one build and one rank: the second run only times, and its garbage is not the algorithm's.
    if (run === 0) peakBytes = process.resourceUsage().maxRSS * 1024 - baselineBytes;
  }
  if (result === null) throw new Error('unreachable');
  // Hand igraph the same deduplicated graph, and keep our scores to compare with its.
  const pairs = new Int32Array(graph.edgeCount * 2);
  let k = 0;
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let e = graph.out.offsets[u]; e < graph.out.offsets[u + 1]; e++) {
      pairs[k++] = u;
      pairs[k++] = graph.out.targets[e];
    }
  }
  writeFileSync(path.join(c!, 'edges.i32'), pairs);
  writeFileSync(path.join(c!, 'ours.f64'), result.scores);
  console.log(
    JSON.stringify({
      nodes: graph.nodeCount,
      inputEdges,
      edges: graph.edgeCount,
      buildMs,
      rankMs,
      iterations: result.iterations,
      converged: result.converged,
      peakBytesPerEdge: peakBytes / inputEdges,
    }),
  );
} else if (mode === 'graphology') {
  const { DirectedGraph } = await import('graphology');
  const graphologyPagerank = (await import('graphology-metrics/centrality/pagerank.js')).default as unknown as GraphologyPagerank;
  const edges = powerLawEdges(Number(a), Number(b), 42);
  const graph = buildGraph(edges);
  let oursMs = Infinity;
  let ours: RankResult | null = null;
  for (let run = 0; run < 2; run++) {
    const t = performance.now();
    ours = pagerank(graph);
    oursMs = Math.min(oursMs, performance.now() - t);
  }
  if (ours === null) throw new Error('unreachable');
  const g = new DirectedGraph();
  for (let v = 0; v < graph.nodeCount; v++) g.addNode(v);
  for (let u = 0; u < graph.nodeCount; u++) for (let e = graph.out.offsets[u]; e < graph.out.offsets[u + 1]; e++) g.addEdge(u, graph.out.targets[e]);
  let theirsMs = Infinity;
  let theirs: Record<string, number> = {};
  for (let run = 0; run < 2; run++) {
    const t = performance.now();
    // graphology stops when Σ|Δ| < n·tolerance: this is our L1 < 1e-10.
    theirs = graphologyPagerank(g, { alpha: 0.85, tolerance: 1e-10 / graph.nodeCount, maxIterations: 10_000, getEdgeWeight: null });
    theirsMs = Math.min(theirsMs, performance.now() - t);
  }
  let maxDiff = 0;
  for (let v = 0; v < graph.nodeCount; v++) maxDiff = Math.max(maxDiff, Math.abs(ours.scores[v] - theirs[String(v)]!));
  console.log(JSON.stringify({ nodes: graph.nodeCount, edges: graph.edgeCount, oursMs, theirsMs, maxDiff }));
} else if (mode === 'harmonic') {
  const { edges } = await readEdgeFile(a!, { format: 'ukwa' });
  const graph = buildGraph(edges);
  const t = performance.now();
  await harmonicCentrality(graph, { threads: Number(b) });
  console.log(JSON.stringify({ nodes: graph.nodeCount, edges: graph.edgeCount, ms: performance.now() - t }));
} else {
  console.error(`unknown mode ${mode}`);
  process.exitCode = 2;
}
