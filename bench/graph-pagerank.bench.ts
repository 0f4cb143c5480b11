/**
 * PageRank on a synthetic power-law graph of 2M nodes and 20M edges (bench/graph-synthetic.ts),
 * against python-igraph's PRPACK on the same deduplicated graph, and against graphology-metrics on a
 * 200k/2M graph (graphology keeps one JS object per edge; 20M of them do not fit a default heap).
 * Ours and igraph both stop at an L1 change of 1e-10; graphology is given the same criterion. Each
 * time is the best of two runs (the machine is shared). Peak memory is the child process's max RSS
 * over its start, across generating the input, building and ranking; the input edge arrays count
 * until the build is done, then are dropped, as `vouch rank` drops the edges it read from a store.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { igraphChild, nodeChild } from './graph-child-process.js';
import type { BenchResult } from './types.js';

const NODES = 2_000_000;
const EDGES = 20_000_000;
const SMALL_NODES = 200_000;
const SMALL_EDGES = 2_000_000;
const MEMORY_TARGET_BYTES_PER_EDGE = 24;

interface OursPagerank {
  nodes: number;
  inputEdges: number;
  edges: number;
  buildMs: number;
  rankMs: number;
  iterations: number;
  converged: boolean;
  peakBytesPerEdge: number;
}

export async function run(): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vouch-bench-pagerank-'));
  try {
    const results: BenchResult[] = [];
    const ours = await nodeChild<OursPagerank>(['pagerank', String(NODES), String(EDGES), dir]);
    const graphNote = `${(ours.nodes / 1e6).toFixed(1)}M nodes, ${(ours.edges / 1e6).toFixed(2)}M distinct edges, ${ours.iterations} passes`;
    const igraph = await igraphChild<{ rankMs: number; version: string }>(['pagerank', String(ours.nodes), path.join(dir, 'edges.i32'), path.join(dir, 'igraph.f64')]);
    if ('result' in igraph) {
      const diff = maxAbsDiff(path.join(dir, 'ours.f64'), path.join(dir, 'igraph.f64'));
      results.push({
        name: 'pagerank 2M/20M vs igraph PRPACK',
        ours: ours.rankMs,
        peer: igraph.result.rankMs,
        unit: 'ms',
        higherIsBetter: false,
        note: `${graphNote}; best of 2 each; igraph ${igraph.result.version}; max |Δ| ${diff.toExponential(1)}`,
      });
    } else {
      results.push({ name: 'pagerank 2M/20M vs igraph PRPACK', ours: ours.rankMs, peer: Number.NaN, unit: 'ms', higherIsBetter: false, note: `peer skipped: ${igraph.missing}` });
    }
    results.push({
      name: 'pagerank 2M/20M build+rank peak memory',
      ours: ours.peakBytesPerEdge,
      peer: MEMORY_TARGET_BYTES_PER_EDGE,
      unit: 'B/edge',
      higherIsBetter: false,
      note: `peer = the target; build ${(ours.buildMs / 1000).toFixed(1)} s; input edge arrays included until built`,
    });

    const small = await nodeChild<{ nodes: number; edges: number; oursMs: number; theirsMs: number; maxDiff: number }>(['graphology', String(SMALL_NODES), String(SMALL_EDGES)]);
    results.push({
      name: 'pagerank 200k/2M vs graphology-metrics',
      ours: small.oursMs,
      peer: small.theirsMs,
      unit: 'ms',
      higherIsBetter: false,
      note: `same graph, ${small.edges} edges; best of 2 each; max |Δ| ${small.maxDiff.toExponential(1)}`,
    });
    results.push({
      name: 'pagerank throughput 2M/20M vs graphology 200k/2M',
      ours: ours.edges / (ours.rankMs / 1000) / 1e6,
      peer: small.edges / (small.theirsMs / 1000) / 1e6,
      unit: 'Medge/s',
      higherIsBetter: true,
      note: 'edges ranked per second to 1e-10, each on its own graph',
    });
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function maxAbsDiff(a: string, b: string): number {
  const x = new Float64Array(new Uint8Array(readFileSync(a)).buffer);
  const y = new Float64Array(new Uint8Array(readFileSync(b)).buffer);
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]));
  return max;
}
