import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { GraphMetrics, HarmonicMethod, RankEdgeFileResult, RankStoreSummary } from '../../graph/index.js';
import { globalsOf } from '../globals.js';
import { formatOf, printReport } from '../output.js';
import { createProgress } from '../progress.js';
import type { Progress } from '../progress.js';
import { withAnyStore } from '../with-store.js';

interface RankFlags {
  edges?: string;
  format: 'tsv' | 'ukwa' | 'commoncrawl' | 'parquet';
  vertices?: string;
  weighted: boolean;
  trust?: string;
  damping: number;
  harmonic: HarmonicMethod;
  threads?: number;
  limit?: number;
  csv?: boolean;
}

/** One node of an edge-list ranking, as printed. */
interface NodeRow {
  node: string;
  authority: number;
  pagerank: number;
  harmonic: number | null;
  trust: number | null;
  spam_mass: number | null;
  in_degree: number;
  out_degree: number;
  ref_domains: number | null;
}

function damping(value: string): number {
  const d = Number(value);
  if (!(d >= 0 && d < 1) || value.trim() === '') throw new InvalidArgumentError('expected a number in [0, 1)');
  return d;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** A file named by a flag must exist: a missing one is a usage error (exit 2), a malformed one an input error (exit 1). */
function requireFile(flag: string, file: string | undefined): void {
  if (file !== undefined && !existsSync(file)) throw new ValidationError(`${flag} ${file}: no such file`, [{ where: flag, message: file }], { code: 'INVALID_CONFIG' });
}

/** One progress bar per phase ("hosts: pagerank", "harmonic", …). */
function phaseProgress(bar: Progress): (phase: string, done: number, total: number) => void {
  let current = '';
  return (phase, done, total) => {
    if (phase !== current) {
      if (current !== '') bar.stop();
      current = phase;
      bar.start(Math.max(total, 1), phase);
    }
    bar.update(Math.min(done, Math.max(total, 1)));
  };
}

/**
 * `vouch rank`: link-graph metrics (PageRank, harmonic centrality, TrustRank, spam mass, degrees,
 * referring domains, authority 0–100) for every host, domain and page in the store, or for an edge-list file.
 */
export function registerRank(program: Command): void {
  program
    .command('rank')
    .description('compute PageRank, harmonic centrality, TrustRank, spam mass and authority 0-100 for hosts, domains and pages in the store, or for an edge-list file')
    .option('--edges <file>', 'rank this edge-list file (gzip or plain) instead of the store; nothing is stored')
    .addOption(new Option('--format <format>', 'edge-file format: tsv (src<TAB>dst[<TAB>weight]), ukwa (year|src|dst<TAB>count), commoncrawl (vertices + edges pair), parquet (a `vouch worker ingest --out` folder: its host graph)').choices(['tsv', 'ukwa', 'commoncrawl', 'parquet']).default('tsv'))
    .option('--vertices <file>', 'commoncrawl: the vertices file (default: the edges file name with "edges" → "vertices")')
    .option('--weighted', 'follow links in proportion to their count (weighted PageRank and TrustRank)', false)
    .option('--trust <file>', 'TrustRank seeds, one host or domain a line (default: hosts/domains under gov, edu, mil, int, ac.xx, gov.xx …)')
    .option('--damping <d>', 'PageRank damping factor', damping, 0.85)
    .addOption(new Option('--harmonic <method>', 'harmonic centrality: exact (BFS from every node), hyperball (estimate), auto (exact unless n·m > 2e11), none').choices(['auto', 'exact', 'hyperball', 'none']).default('auto'))
    .option('--threads <n>', 'worker threads for exact harmonic centrality (default: one per core)', positiveInteger)
    .option('--limit <n>', 'edge files: print the top n nodes by PageRank (default 25 in a table, all with --json/--csv)', positiveInteger)
    .option('--csv', 'print CSV')
    .action(async (flags: RankFlags, command: Command) => {
      const globals = globalsOf(command);
      requireFile('--edges', flags.edges);
      requireFile('--vertices', flags.vertices);
      requireFile('--trust', flags.trust);
      const format = formatOf({ json: globals.json, csv: flags.csv });
      const bar = createProgress({ quiet: globals.quiet, json: globals.json || format === 'csv' });
      const onProgress = phaseProgress(bar);
      const common = { damping: flags.damping, weighted: flags.weighted, harmonic: flags.harmonic, ...(flags.threads === undefined ? {} : { threads: flags.threads }) };
      try {
        if (flags.edges !== undefined) {
          const { rankEdgeFile } = await import('../../graph/index.js');
          const result = await rankEdgeFile(flags.edges, {
            ...common,
            format: flags.format,
            verticesPath: flags.vertices ?? null,
            trustPath: flags.trust ?? null,
            onProgress,
          });
          bar.stop();
          printEdgeRanking(result, format, flags.limit ?? (format === 'table' ? 25 : Infinity), globals.quiet);
          return;
        }
        const { rankStore, readTrustFile } = await import('../../graph/index.js');
        const seedNames = flags.trust === undefined ? null : await readTrustFile(flags.trust);
        // Any store: on ClickHouse the graphs stream out of it and the metrics are written back (rank-store.ts).
        await withAnyStore(command, async (store) => {
          const summary = await rankStore(store, { ...common, seedNames, onProgress });
          bar.stop();
          printStoreSummary(summary, format, globals.quiet);
        });
      } finally {
        bar.stop();
      }
    });
}

function printEdgeRanking(result: RankEdgeFileResult, format: 'table' | 'json' | 'csv', limit: number, quiet: boolean): void {
  const { names, metrics, graph } = result;
  const order = Array.from({ length: names.length }, (_, i) => i).sort((a, b) => metrics.pagerank.scores[b]! - metrics.pagerank.scores[a]! || (names[a]! < names[b]! ? -1 : 1));
  const rows = order.slice(0, Math.min(limit, order.length)).map((id) => nodeRow(names[id]!, id, metrics));
  const summary = {
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    passes: metrics.pagerank.iterations,
    converged: metrics.pagerank.converged,
    harmonic: metrics.harmonicMethod,
    seeds: metrics.seedCount,
    seedSource: result.seedSource,
    unmatchedSeeds: result.unmatchedSeeds,
  };
  if (format === 'table' && !quiet) {
    process.stdout.write(
      `${summary.nodes} nodes, ${summary.edges} edges; PageRank ${summary.converged ? 'converged' : 'did NOT converge'} in ${summary.passes} passes; ` +
        `harmonic: ${summary.harmonic ?? 'skipped'}; trust seeds: ${summary.seeds} (${summary.seedSource})` +
        `${summary.unmatchedSeeds.length > 0 ? `, not in the graph: ${summary.unmatchedSeeds.slice(0, 5).join(', ')}${summary.unmatchedSeeds.length > 5 ? ', …' : ''}` : ''}\n`,
    );
  }
  const precise = (v: unknown): string => (typeof v === 'number' ? v.toPrecision(6) : '-');
  printReport(
    rows,
    [
      { key: 'node', header: 'node' },
      { key: 'authority', header: 'authority', align: 'right', format: (v) => (v as number).toFixed(1) },
      { key: 'pagerank', header: 'pagerank', align: 'right', format: precise },
      { key: 'harmonic', header: 'harmonic', align: 'right', format: (v) => (v === null ? '-' : (v as number).toFixed(1)) },
      { key: 'trust', header: 'trust', align: 'right', format: precise },
      { key: 'spam_mass', header: 'spam mass', align: 'right', format: (v) => (v === null ? '-' : (v as number).toFixed(3)) },
      { key: 'in_degree', header: 'in', align: 'right' },
      { key: 'out_degree', header: 'out', align: 'right' },
      { key: 'ref_domains', header: 'ref domains', align: 'right' },
    ],
    { format, payload: { ...summary, rows } },
  );
}

function nodeRow(node: string, id: number, m: GraphMetrics): NodeRow {
  return {
    node,
    authority: m.authority[id]!,
    pagerank: m.pagerank.scores[id]!,
    harmonic: m.harmonic === null ? null : m.harmonic[id]!,
    trust: m.trust === null ? null : m.trust.scores[id]!,
    spam_mass: m.spamMass === null ? null : m.spamMass[id]!,
    in_degree: m.inDegree[id]!,
    out_degree: m.outDegree[id]!,
    ref_domains: m.referringDomains === null ? null : m.referringDomains[id]!,
  };
}

function printStoreSummary(summary: RankStoreSummary, format: 'table' | 'json' | 'csv', quiet: boolean): void {
  const rows = [
    { graph: 'hosts', ...summary.hosts },
    { graph: 'domains', ...summary.domains },
    { graph: 'pages', ...summary.pages, harmonicMethod: null, seeds: null },
  ].map((r) => ({ graph: r.graph, nodes: r.nodes, edges: r.edges, passes: r.iterations, converged: r.converged, harmonic: r.harmonicMethod, seeds: r.seeds }));
  if (format === 'table' && !quiet) process.stdout.write(`computed_at ${summary.computedAt.toISOString()}; trust seeds: ${summary.seedSource === 'file' ? '--trust file' : 'institutional default'}\n`);
  printReport(
    rows,
    [
      { key: 'graph', header: 'graph' },
      { key: 'nodes', header: 'nodes', align: 'right' },
      { key: 'edges', header: 'edges', align: 'right' },
      { key: 'passes', header: 'passes', align: 'right' },
      { key: 'converged', header: 'converged' },
      { key: 'harmonic', header: 'harmonic' },
      { key: 'seeds', header: 'trust seeds', align: 'right' },
    ],
    { format, payload: summary },
  );
}
