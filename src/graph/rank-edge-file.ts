/**
 * `vouch rank --edges FILE`: the same metrics as the store job, on an edge-list file. Nothing is
 * stored. Referring domains use each node's registrable domain (a node name that is not a host name
 * is its own domain). Trust seeds come from `trustPath`, or default to institutional names.
 */
import { registrableDomain } from '../core/registrable-domain.js';
import type { DirectedGraph } from './csr.js';
import { buildGraph } from './build-graph.js';
import { defaultTrustSeeds } from './default-trust-seeds.js';
import { readEdgeFile } from './read-edge-file.js';
import type { ReadEdgeFileOptions } from './read-edge-file.js';
import type { NamedEdgeList } from './edge-list-builder.js';
import { matchSeeds, readTrustFile } from './read-trust-file.js';
import { rankGraph } from './rank-graph.js';
import type { GraphMetrics, RankGraphOptions } from './rank-graph.js';

export interface RankEdgeFileOptions extends ReadEdgeFileOptions, Omit<RankGraphOptions, 'seeds' | 'domainOf' | 'weighted'> {
  /** A trust seed file (one host or domain a line); null uses the institutional default. */
  trustPath?: string | null;
}

export interface RankEdgeFileResult {
  readonly graph: DirectedGraph;
  readonly names: readonly string[];
  readonly metrics: GraphMetrics;
  readonly seedSource: 'file' | 'default';
  /** Seed names from the file that are not nodes of the graph. */
  readonly unmatchedSeeds: readonly string[];
}

/**
 * Read, build and rank an edge-list file.
 * @example const { names, metrics } = await rankEdgeFile('hostlinks.tsv.gz', { format: 'ukwa' });
 */
export async function rankEdgeFile(filePath: string, options: RankEdgeFileOptions = {}): Promise<RankEdgeFileResult> {
  const { format, verticesPath, ...rankOptions } = options;
  return rankNamedEdges(await readEdgeFile(filePath, { format, weighted: options.weighted ?? false, verticesPath }), rankOptions);
}

/**
 * Build and rank an edge list already read (from a file, a Parquet dataset or a store's host edges),
 * with the same metrics and seeds as rankEdgeFile.
 * @example const result = await rankNamedEdges(await readStoreHostEdges(store), { harmonic: 'none' });
 */
export async function rankNamedEdges(named: NamedEdgeList, options: Omit<RankEdgeFileOptions, 'format' | 'verticesPath'> = {}): Promise<RankEdgeFileResult> {
  const { trustPath = null, weighted = false, onProgress, ...rest } = options;
  const seedNames = trustPath === null ? null : await readTrustFile(trustPath);
  const { edges, names } = named;
  const graph = buildGraph(edges);
  const matched = seedNames === null ? { seeds: defaultTrustSeeds(names), unmatched: [] } : matchSeeds(names, seedNames);
  const domainIds = new Map<string, number>();
  const domainOf = Int32Array.from(names, (name) => {
    const domain = looksLikeHost(name) ? registrableDomain(name) : name;
    let id = domainIds.get(domain);
    if (id === undefined) domainIds.set(domain, (id = domainIds.size));
    return id;
  });
  const metrics = await rankGraph(graph, { ...rest, weighted, seeds: matched.seeds, domainOf, onProgress: onProgress ?? null });
  return { graph, names, metrics, seedSource: seedNames === null ? 'default' : 'file', unmatchedSeeds: matched.unmatched };
}

function looksLikeHost(name: string): boolean {
  return name.includes('.') && !name.includes('/') && !/\s/.test(name);
}
