/**
 * `vouch rank` on the store: build the host, domain and page graphs from the links, compute every
 * metric (internal/store-graph.ts says which links count), and write them to the metric columns of
 * `hosts`, `domains` and `pages` with one `computed_at`. On DuckDB the writes are one transaction: a
 * failure leaves the previous metrics as they were. On ClickHouse (no rollback) the graphs stream out
 * and the metrics go back as new row versions (internal/clickhouse-rank-writes.ts): a failed run may
 * leave some levels with the new metrics, and the next run rewrites them all.
 *
 * - Hosts and domains: PageRank, harmonic centrality, TrustRank, spam mass, in/out-degree, referring
 *   domains and authority 0–100 (see rank-graph.ts). The rows are upserted, so every host and domain
 *   the store knows gets one, with its page count and first-seen time.
 * - Pages: a page-level PageRank over the page graph, internal links included, stored as `page_rank`,
 *   and its authority map as `url_rating` (0–100, like a URL rating).
 *
 * Trust seeds: `seedNames` (hosts or domains, from `--trust FILE`) seed a host when they name it or its
 * domain, and a domain when they name it or one of its hosts. Without a file, the institutional-suffix
 * default applies (default-trust-seeds.ts); with no seed at all, trust and spam mass stay NULL.
 */
import { randomBytes } from 'node:crypto';
import { BUMP_DOMAINS_EPOCH_SQL } from '../store/index.js';
import type { ClickHouseStore, Store } from '../store/index.js';
import { authority } from './authority.js';
import { HARMONIC_DEFAULTS } from './harmonic.js';
import { defaultTrustSeeds } from './default-trust-seeds.js';
import { dropClickHouseRankTables, stageClickHouseMetrics, writeClickHouseLevel, writeClickHousePageRanks } from './internal/clickhouse-rank-writes.js';
import { loadClickHouseGraph } from './internal/clickhouse-store-graph.js';
import { loadStoreGraph, nodeTable, stageMetrics } from './internal/store-graph.js';
import type { GraphLevel, MetricColumns, StoreGraph } from './internal/store-graph.js';
import { pagerank } from './pagerank.js';
import { rankGraph } from './rank-graph.js';
import type { GraphMetrics, HarmonicMethod } from './rank-graph.js';
import { weightedPagerank } from './weighted-pagerank.js';

export interface RankStoreOptions {
  damping?: number;
  /** Follow links in proportion to how many there are between two nodes. */
  weighted?: boolean;
  /** Trust seed hosts or domains; null uses the institutional default. */
  seedNames?: readonly string[] | null;
  harmonic?: HarmonicMethod;
  threads?: number;
  /** The `computed_at` written; null for now. */
  now?: Date | null;
  /** ClickHouse: page rows rewritten per statement (whole domains at a time, so a batch may hold more). */
  pageBatchRows?: number;
  /** Progress of each phase, e.g. ('hosts: pagerank', 40, 100). */
  onProgress?: ((phase: string, done: number, total: number) => void) | null;
}

export const RANK_STORE_DEFAULTS = {
  damping: 0.85,
  weighted: false,
  seedNames: null,
  harmonic: 'auto',
  threads: HARMONIC_DEFAULTS.threads,
  now: null,
  pageBatchRows: 200_000,
  onProgress: null,
} satisfies Required<RankStoreOptions>;

/** What one graph level came to. */
export interface LevelSummary {
  nodes: number;
  edges: number;
  iterations: number;
  converged: boolean;
  harmonicMethod: 'exact' | 'hyperball' | null;
  seeds: number;
}

export interface RankStoreSummary {
  computedAt: Date;
  seedSource: 'file' | 'default';
  hosts: LevelSummary;
  domains: LevelSummary;
  pages: Omit<LevelSummary, 'harmonicMethod' | 'seeds'>;
}

/**
 * Rank everything in the store, DuckDB or ClickHouse, and write the metrics.
 * @example const summary = await rankStore(store, { seedNames: await readTrustFile('seeds.txt') });
 */
export async function rankStore(store: Store, options: RankStoreOptions = {}): Promise<RankStoreSummary> {
  if (store.dialect !== 'clickhouse') return rankLoaded(options, (level, weighted) => loadStoreGraph(store, level, weighted), (ranked) => writeDuckDb(store, ranked));
  const ch = store as ClickHouseStore;
  // This run's work tables on the server; two runs at once each keep their own.
  const tag = `_rank_${randomBytes(6).toString('hex')}`;
  try {
    return await rankLoaded(options, (level, weighted) => loadClickHouseGraph(ch, tag, level, weighted), async (w) => {
      await stageClickHouseMetrics(ch, tag, 'host', w.hosts.names.length, levelColumns(w.hostMetrics));
      await stageClickHouseMetrics(ch, tag, 'domain', w.domains.names.length, levelColumns(w.domainMetrics));
      await stageClickHouseMetrics(ch, tag, 'page', w.pages.names.length, { page_rank: w.pageRank, url_rating: authority(w.pageRank) });
      await writeClickHouseLevel(ch, tag, 'host', w.computedAt);
      w.progress('write', 1, 3);
      await writeClickHouseLevel(ch, tag, 'domain', w.computedAt);
      w.progress('write', 2, 3);
      await writeClickHousePageRanks(ch, tag, w.computedAt, options.pageBatchRows ?? RANK_STORE_DEFAULTS.pageBatchRows);
    });
  } finally {
    await dropClickHouseRankTables(ch, tag);
  }
}

/** What the write phase gets: every graph and its metrics. */
interface Ranked {
  hosts: StoreGraph;
  hostMetrics: GraphMetrics;
  domains: StoreGraph;
  domainMetrics: GraphMetrics;
  pages: StoreGraph;
  pageRank: Float64Array;
  computedAt: Date;
  progress: (phase: string, done: number, total: number) => void;
}

/** Load the three graphs with `load`, rank them, and `write` the metrics. */
async function rankLoaded(
  options: RankStoreOptions,
  load: (level: GraphLevel, weighted: boolean) => Promise<StoreGraph>,
  write: (ranked: Ranked) => Promise<void>,
): Promise<RankStoreSummary> {
  const o = { ...RANK_STORE_DEFAULTS, ...options };
  const computedAt = o.now ?? new Date();
  const progress = o.onProgress ?? ((): void => {});
  const seedNames = o.seedNames === null ? null : new Set(o.seedNames.map((s) => s.toLowerCase()));
  const common = { damping: o.damping, weighted: o.weighted, harmonic: o.harmonic, threads: o.threads };

  progress('hosts: load', 0, 1);
  const hosts = await load('host', o.weighted);
  progress('domains: load', 0, 1);
  const domains = await load('domain', o.weighted);
  const domainIdOf = new Map(domains.names.map((name, id) => [name, id]));
  const hostDomainIds = Int32Array.from(hosts.domains, (d) => domainIdOf.get(d ?? '') ?? -1);

  let hostSeeds = defaultTrustSeeds(hosts.names);
  let domainSeeds = defaultTrustSeeds(domains.names);
  if (seedNames !== null) {
    hostSeeds = idsWhere(hosts.names, (host, id) => seedNames.has(host) || seedNames.has(hosts.domains[id] ?? ''));
    const seededDomains = new Set(hosts.domains.filter((domain, id) => domain !== null && seedNames.has(hosts.names[id])));
    domainSeeds = idsWhere(domains.names, (domain) => seedNames.has(domain) || seededDomains.has(domain));
  }

  const hostMetrics = await rankGraph(hosts.graph, {
    ...common,
    seeds: hostSeeds,
    domainOf: hostDomainIds.every((d) => d >= 0) ? hostDomainIds : null,
    onProgress: (phase, done, total) => progress(`hosts: ${phase}`, done, total),
  });
  const domainMetrics = await rankGraph(domains.graph, {
    ...common,
    seeds: domainSeeds,
    domainOf: Int32Array.from(domains.names, (_, id) => id),
    onProgress: (phase, done, total) => progress(`domains: ${phase}`, done, total),
  });

  progress('pages: load', 0, 1);
  const pages = await load('page', o.weighted);
  const pageRank = (o.weighted ? weightedPagerank : pagerank)(pages.graph, {
    damping: o.damping,
    onIteration: (_i, change) => progress('pages: pagerank', Math.min(100, Math.round((100 * Math.log(change)) / Math.log(1e-10))), 100),
  });

  progress('write', 0, 3);
  await write({ hosts, hostMetrics, domains, domainMetrics, pages, pageRank: pageRank.scores, computedAt, progress });
  progress('write', 3, 3);
  return {
    computedAt,
    seedSource: seedNames === null ? 'default' : 'file',
    hosts: summaryOf(hosts, hostMetrics),
    domains: summaryOf(domains, domainMetrics),
    pages: { nodes: pages.names.length, edges: pages.graph.edgeCount, iterations: pageRank.iterations, converged: pageRank.converged },
  };
}

/** The ids of the names that `keep` accepts. */
function idsWhere(names: readonly string[], keep: (name: string, id: number) => boolean): Int32Array {
  const ids: number[] = [];
  names.forEach((name, id) => keep(name, id) && ids.push(id));
  return Int32Array.from(ids);
}

function summaryOf(level: StoreGraph, metrics: GraphMetrics): LevelSummary {
  return {
    nodes: level.names.length,
    edges: level.graph.edgeCount,
    iterations: metrics.pagerank.iterations,
    converged: metrics.pagerank.converged,
    harmonicMethod: metrics.harmonicMethod,
    seeds: metrics.seedCount,
  };
}

/** DuckDB: every write in one transaction, so a failure leaves the previous metrics as they were. */
async function writeDuckDb(store: Store, w: Ranked): Promise<void> {
  await store.transaction(async () => {
    await writeLevel(store, 'host', w.hosts, w.hostMetrics, w.computedAt);
    w.progress('write', 1, 3);
    await writeLevel(store, 'domain', w.domains, w.domainMetrics, w.computedAt);
    // New authorities: the link rollup's copies of them are stale from this transaction on.
    await store.run(BUMP_DOMAINS_EPOCH_SQL);
    w.progress('write', 2, 3);
    await stageMetrics(store, '_rank_page_metrics', w.pages.names.length, { page_rank: w.pageRank, url_rating: authority(w.pageRank) });
    await store.run(
      `UPDATE pages SET page_rank = m.page_rank, url_rating = m.url_rating, rank_computed_at = $1
         FROM _rank_page_metrics m JOIN ${nodeTable('page')} n USING (id) WHERE pages.url = n.name`,
      [w.computedAt],
    );
  });
}

/** A host or domain level's metric columns, by column name. */
function levelColumns(m: GraphMetrics): MetricColumns {
  return {
    pagerank: m.pagerank.scores,
    harmonic: m.harmonic,
    trust: m.trust?.scores ?? null,
    spam_mass: m.spamMass,
    authority: m.authority,
    in_degree: m.inDegree,
    out_degree: m.outDegree,
    ref_domains: m.referringDomains,
  };
}

/** Upsert one level's rows (hosts or domains) with their metrics, page counts and first-seen times. */
async function writeLevel(store: Store, level: Exclude<GraphLevel, 'page'>, nodes: StoreGraph, m: GraphMetrics, computedAt: Date): Promise<void> {
  const staged = `_rank_${level}_metrics`;
  await stageMetrics(store, staged, nodes.names.length, levelColumns(m));
  const table = level === 'host' ? 'hosts' : 'domains';
  const [pageKey, srcKey, dstKey] = level === 'host' ? ['host', 'src_host', 'dst_host'] : ['domain', 'src_domain', 'dst_domain'];
  const metrics = ['pagerank', 'harmonic', 'trust', 'spam_mass', 'authority', 'in_degree', 'out_degree', 'ref_domains'];
  const counts = new Set(['in_degree', 'out_degree', 'ref_domains']);
  const extra = level === 'host' ? ['domain', 'pages', 'first_seen'] : ['hosts', 'pages', 'first_seen'];
  const extraSql =
    level === 'host'
      ? 'n.domain'
      : `(SELECT count(*) FROM ${nodeTable('host')} h WHERE h.domain = n.name)::INTEGER`;
  const columns = [level, ...extra, ...metrics, 'computed_at'];
  await store.run(
    `WITH page_stats AS (SELECT ${pageKey} AS name, count(*) AS pages, min(fetched_at) AS seen FROM pages GROUP BY 1),
          link_seen AS (SELECT name, min(seen) AS seen FROM (
            SELECT ${srcKey} AS name, min(first_seen) AS seen FROM links GROUP BY 1
            UNION ALL SELECT ${dstKey}, min(first_seen) FROM links GROUP BY 1) GROUP BY 1)
     INSERT INTO ${table} (${columns.join(', ')})
     SELECT n.name, ${extraSql}, coalesce(p.pages, 0)::INTEGER, least(p.seen, l.seen),
            ${metrics.map((c) => (counts.has(c) ? `m.${c}::INTEGER` : `m.${c}`)).join(', ')}, $1::TIMESTAMP
       FROM ${nodeTable(level)} n JOIN ${staged} m USING (id)
       LEFT JOIN page_stats p ON p.name = n.name LEFT JOIN link_seen l ON l.name = n.name
     ON CONFLICT (${level}) DO UPDATE SET ${columns.filter((c) => c !== level).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    [computedAt],
  );
}
