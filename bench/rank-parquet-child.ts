/**
 * Child of rank-parquet.bench.ts: read a host graph (Parquet dataset or TSV), build the CSR, run
 * PageRank, and print one JSON line with times and memory, so each reading has a clean process.
 *
 *   node --expose-gc --import tsx bench/rank-parquet-child.ts parquet|tsv PATH
 */
import { buildGraph } from '../src/graph/build-graph.js';
import { pagerank } from '../src/graph/pagerank.js';
import { readEdgeFile } from '../src/graph/read-edge-file.js';

const [format, file] = process.argv.slice(2) as ['parquet' | 'tsv', string];
const before = process.memoryUsage();

/** Read and build; the edge list as read goes out of scope on return, leaving the CSR. */
async function load(): Promise<{ graph: ReturnType<typeof buildGraph>; names: readonly string[]; readMs: number; buildMs: number; afterRead: NodeJS.MemoryUsage }> {
  let t = performance.now();
  const { edges, names } = await readEdgeFile(file, { format });
  const readMs = performance.now() - t;
  // Collect DuckDB's vectors and the reader's garbage, so that what is counted is what stays.
  globalThis.gc?.();
  const afterRead = process.memoryUsage();
  t = performance.now();
  const graph = buildGraph(edges);
  return { graph, names, readMs, buildMs: performance.now() - t, afterRead };
}

const { graph, names, readMs, buildMs, afterRead } = await load();
const t = performance.now();
const result = pagerank(graph);
const rankMs = performance.now() - t;
globalThis.gc?.();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    readMs,
    buildMs,
    rankMs,
    iterations: result.iterations,
    // Typed arrays of the edge list as read (src, dst), and of the built graph with its PageRank vectors.
    edgeListBytes: afterRead.arrayBuffers - before.arrayBuffers,
    graphBytes: after.arrayBuffers - before.arrayBuffers,
    // Names: V8 heap kept after the read (strings and the array holding them).
    namesHeapBytes: afterRead.heapUsed - before.heapUsed,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    check: names.length + result.scores.length,
  }),
);
