/**
 * Reading the host, domain and page graphs out of the store, and writing their metrics back. Node
 * ids are dense and assigned in SQL (row_number over the sorted names), so edges come back as
 * integer pairs. Edges follow DESIGN.md: live, followed links only (`a` kind with no nofollow, ugc or
 * sponsored, and no meta nofollow); duplicate edges between two nodes count once, with the number of
 * links as their weight; self-loops (links within a host, a domain, or a page to itself) are dropped.
 */
import type { Store } from '../../store/index.js';
import { buildGraph } from '../build-graph.js';
import type { DirectedGraph } from '../csr.js';

export type GraphLevel = 'host' | 'domain' | 'page';

/** SQL of the links that make graph edges. */
export const FOLLOWED_LIVE = `kind = 'a' AND NOT nofollow AND NOT ugc AND NOT sponsored AND NOT meta_nofollow AND lost_at IS NULL`;

/** Each host once, with its domain: the same SQL on DuckDB and ClickHouse. */
export const HOST_NODES_SQL = `SELECT host AS name, min(domain) AS domain FROM (
      SELECT host, domain FROM pages
      UNION ALL SELECT src_host, src_domain FROM links
      UNION ALL SELECT dst_host, dst_domain FROM links
      UNION ALL SELECT host, domain FROM hosts
    ) GROUP BY host`;

const NODES: Record<GraphLevel, string> = {
  host: HOST_NODES_SQL,
  domain: `SELECT domain AS name, domain FROM (
      SELECT domain FROM pages
      UNION SELECT src_domain FROM links
      UNION SELECT dst_domain FROM links
      UNION SELECT domain FROM hosts
      UNION SELECT domain FROM domains
    )`,
  page: `SELECT url AS name, NULL::VARCHAR AS domain FROM (SELECT url FROM pages UNION SELECT src_url FROM links UNION SELECT dst_url FROM links)`,
};

/** The link columns that are an edge's two ends at each level. */
export const ENDPOINTS: Record<GraphLevel, [string, string]> = {
  host: ['src_host', 'dst_host'],
  domain: ['src_domain', 'dst_domain'],
  page: ['src_url', 'dst_url'],
};

/** The temp table holding a level's node ids. */
export function nodeTable(level: GraphLevel): string {
  return `_rank_${level}_nodes`;
}

export interface StoreGraph {
  readonly graph: DirectedGraph;
  readonly names: readonly string[];
  /** The domain of each node (hosts: their registrable domain; domains: themselves; pages: null). */
  readonly domains: readonly (string | null)[];
}

/** Load one level's graph; `weighted` keeps link counts as edge weights. */
export async function loadStoreGraph(store: Store, level: GraphLevel, weighted: boolean): Promise<StoreGraph> {
  const table = nodeTable(level);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT (row_number() OVER (ORDER BY name) - 1)::INTEGER AS id, name, domain FROM (${NODES[level]})`);
  const nodes = await store.all<{ name: string; domain: string | null }>(`SELECT name, domain FROM ${table} ORDER BY id`);
  const [src, dst] = ENDPOINTS[level];
  const rows = await store.all<{ s: number; d: number; links: number }>(
    `SELECT s.id AS s, d.id AS d, count(*)::DOUBLE AS links
       FROM links l JOIN ${table} s ON s.name = l.${src} JOIN ${table} d ON d.name = l.${dst}
      WHERE ${FOLLOWED_LIVE} AND l.${src} <> l.${dst}
      GROUP BY ALL ORDER BY s, d`,
  );
  const edgeCount = rows.length;
  const srcIds = new Int32Array(edgeCount);
  const dstIds = new Int32Array(edgeCount);
  const weights = weighted ? new Float64Array(edgeCount) : null;
  for (let e = 0; e < edgeCount; e++) {
    const row = rows[e]!;
    srcIds[e] = row.s;
    dstIds[e] = row.d;
    if (weights !== null) weights[e] = row.links;
  }
  const graph = buildGraph({ nodeCount: nodes.length, edgeCount, src: srcIds, dst: dstIds, weights });
  return { graph, names: nodes.map((n) => n.name), domains: nodes.map((n) => n.domain) };
}

/** Metric columns staged per node id before the set-based upsert. */
export interface MetricColumns {
  readonly [column: string]: ArrayLike<number> | null;
}

const CHUNK_ROWS = 50_000;

/**
 * Stage `columns` (one value per node id; null columns stay NULL) into a temp table `${table}`
 * (`id` plus one DOUBLE per column). Values travel as VARCHAR lists, which the store port binds;
 * String(x) round-trips a double exactly.
 */
export async function stageMetrics(store: Store, table: string, nodeCount: number, columns: MetricColumns): Promise<void> {
  const names = Object.keys(columns);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} (id INTEGER, ${names.map((n) => `${n} DOUBLE`).join(', ')})`);
  for (let start = 0; start < nodeCount; start += CHUNK_ROWS) {
    const end = Math.min(nodeCount, start + CHUNK_ROWS);
    const ids: string[] = [];
    for (let v = start; v < end; v++) ids.push(String(v));
    const lists = names.map((name) => {
      const values = columns[name];
      const list: string[] = [];
      for (let v = start; v < end; v++) list.push(values === null ? '' : String(values[v]));
      return list;
    });
    const selects = names.map((name, i) => `NULLIF(unnest($${i + 2}::VARCHAR[]), '')::DOUBLE AS ${name}`);
    await store.run(`INSERT INTO ${table} SELECT unnest($1::VARCHAR[])::INTEGER AS id, ${selects.join(', ')}`, [ids, ...lists]);
  }
}
