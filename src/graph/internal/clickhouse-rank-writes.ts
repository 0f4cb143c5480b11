/**
 * Writing `rankStore`'s metrics into a ClickHouse store. ClickHouse has no UPDATE to speak of: a
 * row changes by a new version of the whole row, which the ReplacingMergeTree keeps over the old
 * one. So each write is an INSERT … SELECT that joins the metrics (staged in a work table of this
 * run) with the stored row, and carries over every column rank does not compute (a host's ip and
 * toxicity, a page's crawl data):
 * - `hosts`, `domains` (no version column: the last written row wins): one statement per level.
 * - `pages` (version `fetched_at`): each row is rewritten with its own `fetched_at`, so the rewrite
 *   wins over the row it copies and loses to a newer fetch written since. A batch is a range of
 *   domains, the leading column of the primary key of `pages` and of the page work tables.
 * Every row stays in the server; JS only sends the metric values.
 */
import type { ClickHouseStore } from '../../store/index.js';
import { clickHouseFailure, clickHouseNodeTable, streamRows } from './clickhouse-store-graph.js';
import type { GraphLevel } from './store-graph.js';
import type { MetricColumns } from './store-graph.js';

const INSERT_ROWS = 50_000;

/** The work table of a level's metrics. */
function metricTable(tag: string, level: GraphLevel): string {
  return `${tag}_${level}_metrics`;
}

/**
 * Stage one value per node id (null columns stay NULL) into `<tag>_<level>_metrics`, in inserts of
 * bounded size. Non-finite values are stored as NULL (JSON has no NaN); rank's metrics are finite.
 */
export async function stageClickHouseMetrics(store: ClickHouseStore, tag: string, level: GraphLevel, nodeCount: number, columns: MetricColumns): Promise<void> {
  const table = metricTable(tag, level);
  const names = Object.keys(columns);
  await store.run(`CREATE TABLE ${table} (id Int32, ${names.map((n) => `${n} Nullable(Float64)`).join(', ')}) ENGINE = MergeTree ORDER BY id`);
  const lists = names.map((n) => columns[n] ?? null);
  for (let start = 0; start < nodeCount; start += INSERT_ROWS) {
    const values: (number | null)[][] = [];
    for (let v = start; v < Math.min(nodeCount, start + INSERT_ROWS); v++) {
      values.push([v, ...lists.map((list) => (list === null || !Number.isFinite(list[v]!) ? null : list[v]!))]);
    }
    try {
      await store.client.insert({ table, values, format: 'JSONCompactEachRow' });
    } catch (err) {
      throw clickHouseFailure(err, 'stage metrics');
    }
  }
}

/** The columns of a table, in order (so that columns added later are carried over too). */
async function columnsOf(store: ClickHouseStore, table: string): Promise<string[]> {
  const rows = await store.all<{ name: string }>(`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = $1 ORDER BY position`, [table]);
  return rows.map((r) => r.name);
}

/** DuckDB's least() skips NULLs; ClickHouse's answers NULL. */
const leastOf = (a: string, b: string): string => `if(${a} IS NULL, ${b}, if(${b} IS NULL, ${a}, least(${a}, ${b})))`;

/** Upsert one level's rows (hosts or domains): metrics, page counts and first-seen times, other columns kept. */
export async function writeClickHouseLevel(store: ClickHouseStore, tag: string, level: 'host' | 'domain', computedAt: Date): Promise<void> {
  const table = level === 'host' ? 'hosts' : 'domains';
  const [pageKey, srcKey, dstKey] = level === 'host' ? ['host', 'src_host', 'dst_host'] : ['domain', 'src_domain', 'dst_domain'];
  const counts = new Set(['in_degree', 'out_degree', 'ref_domains']);
  const metrics = ['pagerank', 'harmonic', 'trust', 'spam_mass', 'authority', ...counts];
  const computed = new Map<string, string>([
    [level, 'n.name'],
    ['pages', 'coalesce(p.pages, 0)'],
    ['first_seen', leastOf('p.seen', 'l.seen')],
    ['computed_at', '$1'],
    ...metrics.map((c): [string, string] => [c, counts.has(c) ? `toInt32(m.${c})` : `m.${c}`]),
  ]);
  if (level === 'host') computed.set('domain', 'n.domain');
  else computed.set('hosts', 'coalesce(hc.hosts, 0)');
  const columns = await columnsOf(store, `${table}_data`);
  const nodes = clickHouseNodeTable(tag, level);
  await store.run(
    `INSERT INTO ${table}_data (${columns.join(', ')})
     SELECT ${columns.map((c) => computed.get(c) ?? `o.${c}`).join(', ')}
     FROM ${nodes} n JOIN ${metricTable(tag, level)} m ON m.id = n.id
     LEFT JOIN (SELECT ${pageKey} AS name, toInt32(count()) AS pages, min(fetched_at) AS seen FROM pages GROUP BY name) p ON p.name = n.name
     LEFT JOIN (SELECT name, min(seen) AS seen FROM (
         SELECT ${srcKey} AS name, min(first_seen) AS seen FROM links GROUP BY name
         UNION ALL SELECT ${dstKey} AS name, min(first_seen) AS seen FROM links GROUP BY name) GROUP BY name) l ON l.name = n.name
     ${level === 'domain' ? `LEFT JOIN (SELECT domain AS name, toInt32(count()) AS hosts FROM ${clickHouseNodeTable(tag, 'host')} GROUP BY name) hc ON hc.name = n.name` : ''}
     LEFT JOIN ${table} o ON o.${level} = n.name`,
    [computedAt],
  );
}

/** Rewrite every page row with its page_rank, url_rating and rank_computed_at, a range of domains at a time. */
export async function writeClickHousePageRanks(store: ClickHouseStore, tag: string, computedAt: Date, batchRows: number): Promise<void> {
  const nodes = clickHouseNodeTable(tag, 'page');
  const batches: { from: string; to: string; low: number; high: number }[] = [];
  let open: (typeof batches)[number] | null = null;
  let size = 0;
  const ranges = streamRows<[string, number, number, number]>(store, `SELECT domain, toInt32(count()), min(id), max(id) FROM ${nodes} GROUP BY domain ORDER BY domain`);
  for await (const [domain, n, low, high] of ranges) {
    if (open === null) open = { from: domain, to: domain, low, high };
    open.to = domain;
    open.high = high;
    size += n;
    if (size >= batchRows) {
      batches.push(open);
      open = null;
      size = 0;
    }
  }
  if (open !== null) batches.push(open);
  const columns = await columnsOf(store, 'pages_data');
  const computed = new Map([['page_rank', 'r.page_rank'], ['url_rating', 'r.url_rating'], ['rank_computed_at', '$1']]);
  for (const b of batches) {
    await store.run(
      `INSERT INTO pages_data (${columns.join(', ')})
       SELECT ${columns.map((c) => computed.get(c) ?? `p.${c}`).join(', ')}
       FROM (SELECT * FROM pages WHERE domain >= $2 AND domain <= $3) p
       JOIN (SELECT n.name AS url, m.page_rank AS page_rank, m.url_rating AS url_rating
             FROM (SELECT id, name FROM ${nodes} WHERE id >= $4 AND id <= $5) n
             JOIN (SELECT * FROM ${metricTable(tag, 'page')} WHERE id >= $4 AND id <= $5) m ON m.id = n.id) r ON r.url = p.url`,
      [computedAt, b.from, b.to, b.low, b.high],
    );
  }
}

/** Drop this run's work tables (whichever exist). */
export async function dropClickHouseRankTables(store: ClickHouseStore, tag: string): Promise<void> {
  for (const level of ['host', 'domain', 'page'] as const) {
    await store.run(`DROP TABLE IF EXISTS ${clickHouseNodeTable(tag, level)}`);
    await store.run(`DROP TABLE IF EXISTS ${metricTable(tag, level)}`);
  }
}
