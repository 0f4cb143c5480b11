/**
 * Exact harmonic centrality on the real UKWA 1996 host graph (56k hosts, 174k edges), on 2 worker
 * threads, against python-igraph's harmonic_centrality (C, one thread). Target: under 30 s.
 */
import path from 'node:path';
import { igraphChild, nodeChild } from './graph-child-process.js';
import type { BenchResult } from './types.js';

const UKWA = path.resolve(import.meta.dirname, '..', '..', 'shared', 'testdata', 'graphs', 'ukwa-1996-hostlinks.tsv.gz');

export async function run(): Promise<BenchResult[]> {
  const ours = await nodeChild<{ nodes: number; edges: number; ms: number }>(['harmonic', UKWA, '2']);
  const igraph = await igraphChild<{ ms: number }>(['harmonic', UKWA]);
  return [
    {
      name: 'harmonic exact UKWA 1996, 2 threads vs igraph',
      ours: ours.ms,
      peer: 'result' in igraph ? igraph.result.ms : Number.NaN,
      unit: 'ms',
      higherIsBetter: false,
      note: `${ours.nodes} nodes, ${ours.edges} edges; target < 30000 ms${'missing' in igraph ? `; peer skipped: ${igraph.missing}` : ''}`,
    },
  ];
}
