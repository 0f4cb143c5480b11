/**
 * Every metric `vouch rank` stores for one graph, computed in phases with progress: PageRank (weighted
 * when asked), TrustRank and spam mass when there are seeds, harmonic centrality (exact, or HyperBall
 * above a work threshold), degrees, referring domains, and authority 0–100.
 *
 * Harmonic method `auto` runs the exact multi-source BFS while n·m ≤ `exactHarmonicMaxWork` (2·10¹¹,
 * about half a minute on two cores at the speed measured on UKWA 1996, which is 10¹⁰) and HyperBall
 * above it.
 */
import type { DirectedGraph } from './csr.js';
import { inDegrees, outDegrees } from './csr.js';
import { authority } from './authority.js';
import { harmonicCentrality, HARMONIC_DEFAULTS } from './harmonic.js';
import { hyperBall, HYPERBALL_DEFAULTS } from './hyperball.js';
import { RANK_DEFAULTS } from './internal/solve-rank.js';
import type { RankResult } from './internal/solve-rank.js';
import { pagerank } from './pagerank.js';
import { referringDomains } from './referring-domains.js';
import { spamMass } from './spam-mass.js';
import { trustrank, seedVector } from './trustrank.js';
import { weightedPagerank } from './weighted-pagerank.js';

export type HarmonicMethod = 'auto' | 'exact' | 'hyperball' | 'none';
export const HARMONIC_METHODS: readonly HarmonicMethod[] = ['auto', 'exact', 'hyperball', 'none'];
export type RankPhase = 'pagerank' | 'trustrank' | 'harmonic' | 'degrees' | 'authority';

export interface RankGraphOptions {
  damping?: number;
  tolerance?: number;
  maxIterations?: number;
  /** Follow links in proportion to their weight (the graph must carry weights). */
  weighted?: boolean;
  /** TrustRank seeds (node ids); none means no TrustRank and no spam mass. */
  seeds?: ArrayLike<number> | null;
  harmonic?: HarmonicMethod;
  /** Above this n·m, `auto` switches from exact harmonic centrality to HyperBall. */
  exactHarmonicMaxWork?: number;
  threads?: number;
  /** HyperBall registers per counter, as log₂; null sizes them to the graph (see hyperball.ts). */
  hyperBallLog2m?: number | null;
  /** Dense domain id of every node, for referring-domain counts; null skips them. */
  domainOf?: Int32Array | null;
  /** Progress of each phase: `done` out of `total` (PageRank: percent of the way to the tolerance). */
  onProgress?: ((phase: RankPhase, done: number, total: number) => void) | null;
}

export const RANK_GRAPH_DEFAULTS = {
  damping: RANK_DEFAULTS.damping,
  tolerance: RANK_DEFAULTS.tolerance,
  maxIterations: RANK_DEFAULTS.maxIterations,
  weighted: false,
  seeds: null,
  harmonic: 'auto',
  exactHarmonicMaxWork: 2e11,
  threads: HARMONIC_DEFAULTS.threads,
  hyperBallLog2m: HYPERBALL_DEFAULTS.log2m,
  domainOf: null,
  onProgress: null,
} satisfies Required<RankGraphOptions>;

/** The metrics of every node, aligned with its id. */
export interface GraphMetrics {
  readonly pagerank: RankResult;
  readonly trust: RankResult | null;
  readonly spamMass: Float64Array | null;
  readonly harmonic: Float64Array | null;
  readonly harmonicMethod: 'exact' | 'hyperball' | null;
  readonly authority: Float64Array;
  readonly inDegree: Int32Array;
  readonly outDegree: Int32Array;
  readonly referringDomains: Int32Array | null;
  readonly seedCount: number;
}

/**
 * Compute every metric of `graph`.
 * @example const metrics = await rankGraph(graph, { seeds, onProgress: (phase, done, total) => bar.update(done) });
 */
export async function rankGraph(graph: DirectedGraph, options: RankGraphOptions = {}): Promise<GraphMetrics> {
  const o = { ...RANK_GRAPH_DEFAULTS, ...options };
  const progress = o.onProgress ?? ((): void => {});
  const converging = (phase: RankPhase) => (_iteration: number, change: number) =>
    progress(phase, Math.max(0, Math.min(100, Math.round((100 * Math.log(change)) / Math.log(o.tolerance)))), 100);
  const rankOptions = { damping: o.damping, tolerance: o.tolerance, maxIterations: o.maxIterations };

  const rank = (o.weighted ? weightedPagerank : pagerank)(graph, { ...rankOptions, onIteration: converging('pagerank') });
  progress('pagerank', 100, 100);

  let trust: RankResult | null = null;
  let mass: Float64Array | null = null;
  let seedCount = 0;
  if (o.seeds !== null && o.seeds.length > 0 && graph.nodeCount > 0) {
    seedCount = countNonZero(seedVector(graph.nodeCount, o.seeds));
    trust = trustrank(graph, o.seeds, { ...rankOptions, weighted: o.weighted, onIteration: converging('trustrank') });
    mass = spamMass(graph, rank.scores, trust.scores, seedCount, { damping: o.damping });
    progress('trustrank', 100, 100);
  }

  let harmonic: Float64Array | null = null;
  let harmonicMethod: GraphMetrics['harmonicMethod'] = null;
  if (o.harmonic !== 'none') {
    const exact = o.harmonic === 'exact' || (o.harmonic === 'auto' && graph.nodeCount * graph.edgeCount <= o.exactHarmonicMaxWork);
    if (exact) {
      harmonic = await harmonicCentrality(graph, { threads: o.threads, onProgress: (done, total) => progress('harmonic', done, total) });
    } else {
      harmonic = hyperBall(graph, { log2m: o.hyperBallLog2m, onRound: (round) => progress('harmonic', round, 0) }).scores;
    }
    harmonicMethod = exact ? 'exact' : 'hyperball';
    progress('harmonic', graph.nodeCount, graph.nodeCount);
  }

  const inDegree = inDegrees(graph);
  const outDegree = outDegrees(graph);
  const refDomains = o.domainOf === null ? null : referringDomains(graph, o.domainOf);
  progress('degrees', 1, 1);
  const authorityScores = authority(rank.scores);
  progress('authority', 1, 1);
  return {
    pagerank: rank,
    trust,
    spamMass: mass,
    harmonic,
    harmonicMethod,
    authority: authorityScores,
    inDegree,
    outDegree,
    referringDomains: refDomains,
    seedCount,
  };
}

function countNonZero(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) count++;
  return count;
}
