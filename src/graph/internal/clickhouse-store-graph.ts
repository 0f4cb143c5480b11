/**
 * The host, domain and page graphs read out of a ClickHouse store, for `rankStore`. The same nodes
 * and edges as on DuckDB (store-graph.ts), with ClickHouse's own means: node ids are assigned in SQL
 * into a work table of this run (`<tag>_<level>_nodes`, a MergeTree on the server, since ClickHouse
 * has temporary tables only within a session), and both the nodes and the integer edge pairs
 * stream out a block at a time, so memory holds the typed arrays and the names, never the rows.
 *
 * Page nodes are numbered in (domain, url) order, so that one domain's pages hold a run of ids: the
 * write-back (clickhouse-rank-writes.ts) rewrites `pages` a domain range at a time, along the
 * primary key of both `pages` and the work tables.
 */
import { VouchError } from '../../core/errors.js';
import type { ClickHouseStore } from '../../store/index.js';
import { buildGraph } from '../build-graph.js';
import type { GraphLevel, StoreGraph } from './store-graph.js';
import { ENDPOINTS, FOLLOWED_LIVE, HOST_NODES_SQL } from './store-graph.js';

/** Each node once, with its domain (a page's from its `pages` row where it has one). */
const NODES: Record<GraphLevel, string> = {
  host: HOST_NODES_SQL,
  domain: `SELECT name, name AS domain FROM (
      SELECT domain AS name FROM pages
      UNION DISTINCT SELECT src_domain FROM links
      UNION DISTINCT SELECT dst_domain FROM links
      UNION DISTINCT SELECT domain FROM hosts
      UNION DISTINCT SELECT domain FROM domains
    )`,
  page: `SELECT url AS name, argMin(domain, origin) AS domain FROM (
      SELECT url, domain, 0 AS origin FROM pages
      UNION ALL SELECT src_url, src_domain, 1 FROM links
      UNION ALL SELECT dst_url, dst_domain, 1 FROM links
    ) GROUP BY url`,
};

/** The work table of a level's node ids (`tag` is this run's `_rank_<hex>`). */
export function clickHouseNodeTable(tag: string, level: GraphLevel): string {
  return `${tag}_${level}_nodes`;
}

/** Stream a query's rows as arrays (JSONCompactEachRow), one block at a time. */
export async function* streamRows<T extends unknown[]>(store: ClickHouseStore, query: string): AsyncGenerator<T> {
  try {
    const result = await store.client.query({ query, format: 'JSONCompactEachRow' });
    for await (const rows of result.stream<T>()) {
      for (const row of rows) yield row.json();
    }
  } catch (err) {
    throw clickHouseFailure(err, 'stream a graph out');
  }
}

/** An error of the client itself (the port's methods map theirs) as the store's error. */
export function clickHouseFailure(err: unknown, doing: string): VouchError {
  if (err instanceof VouchError) return err;
  return new VouchError('STORE_FAILED', `ClickHouse could not ${doing} for rank: ${(err as Error).message}`, { cause: err });
}

/** Load one level's graph; `weighted` keeps link counts as edge weights. */
export async function loadClickHouseGraph(store: ClickHouseStore, tag: string, level: GraphLevel, weighted: boolean): Promise<StoreGraph> {
  const table = clickHouseNodeTable(tag, level);
  await store.run(`CREATE TABLE ${table} (id Int32, name String, domain String) ENGINE = MergeTree ORDER BY id`);
  const order = level === 'page' ? 'domain, name' : 'name';
  await store.run(`INSERT INTO ${table} SELECT toInt32(row_number() OVER (ORDER BY ${order}) - 1), name, domain FROM (${NODES[level]})`);
  const names: string[] = [];
  const domains: (string | null)[] = [];
  for await (const [name, domain] of streamRows<[string, string]>(store, `SELECT name, domain FROM ${table} ORDER BY id`)) {
    names.push(name);
    domains.push(level === 'page' ? null : domain);
  }
  const [src, dst] = ENDPOINTS[level];
  // Pairs are counted by name first, so each joins the id table once per distinct pair, not per link.
  const edges = streamRows<[number, number, number]>(
    store,
    `SELECT s.id, d.id, e.links FROM (
       SELECT ${src} AS src, ${dst} AS dst, toFloat64(count()) AS links FROM links WHERE ${FOLLOWED_LIVE} AND ${src} <> ${dst} GROUP BY src, dst
     ) e JOIN ${table} s ON s.name = e.src JOIN ${table} d ON d.name = e.dst`,
  );
  let capacity = 1024;
  let srcIds = new Int32Array(capacity);
  let dstIds = new Int32Array(capacity);
  let weights = weighted ? new Float64Array(capacity) : null;
  let edgeCount = 0;
  for await (const [s, d, links] of edges) {
    if (edgeCount === capacity) {
      capacity *= 2;
      srcIds = grow(srcIds, new Int32Array(capacity));
      dstIds = grow(dstIds, new Int32Array(capacity));
      if (weights !== null) weights = grow(weights, new Float64Array(capacity));
    }
    srcIds[edgeCount] = s;
    dstIds[edgeCount] = d;
    if (weights !== null) weights[edgeCount] = links;
    edgeCount++;
  }
  const graph = buildGraph({ nodeCount: names.length, edgeCount, src: srcIds, dst: dstIds, weights });
  return { graph, names, domains };
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
