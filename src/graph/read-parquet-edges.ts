/**
 * The host graph of a Parquet link dataset (`vouch worker ingest --out DIR`; any hive-partitioned
 * Parquet with the store's link columns) as named edge arrays, for `vouch rank --edges DIR --format parquet`.
 *
 * DuckDB does the heavy part out of the V8 heap, spilling to disk past `memoryLimit`: it keeps the
 * followed links between two different hosts (the rule of the store's host graph), collapses them to
 * host pairs, and numbers the hosts densely in name order. The pairs then stream back in vectors of
 * 2,048 and are copied straight into Int32Array edge arrays sized once from the pair count: no JS
 * object per edge, no growing buffers. A link that several input files hold (the same page in two
 * crawls, a WARC and its WAT) is one link: the weight of a pair counts distinct link keys, as the
 * store does after its upserts.
 *
 * Memory on the JS side: 8 bytes per pair (12 weighted) for the edge arrays, then what buildGraph
 * needs; plus each host name once.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { NamedEdgeList } from './edge-list-builder.js';
import { edgeFileError } from './internal/edge-file-error.js';

export interface ReadParquetEdgesOptions {
  /** Keep the number of distinct links of each pair as its weight. */
  weighted?: boolean;
  /** Only these crawls (`crawl=` partitions); null reads all. */
  crawls?: readonly string[] | null;
  /** DuckDB's memory for the aggregation, beyond which it spills to `tempDir`. */
  memoryLimit?: string;
  tempDir?: string;
}

export const READ_PARQUET_EDGES_DEFAULTS = {
  weighted: false,
  crawls: null,
  memoryLimit: '2GB',
  tempDir: path.join(os.tmpdir(), 'vouch-rank-spill'),
} satisfies Required<ReadParquetEdgesOptions>;

const FOLLOWED = `kind = 'a' AND NOT nofollow AND NOT ugc AND NOT sponsored AND NOT meta_nofollow AND src_host <> dst_host`;

/**
 * Read the host edges of the dataset at `dir` (its `links/` folder, or `dir` itself when it holds the partitions).
 * @example const { edges, names } = await readParquetEdges('dataset');
 * @throws ValidationError naming the folder when it holds no Parquet file.
 */
export async function readParquetEdges(dir: string, options: ReadParquetEdgesOptions = {}): Promise<NamedEdgeList> {
  const o = { ...READ_PARQUET_EDGES_DEFAULTS, ...options };
  const root = existsSync(path.join(dir, 'links')) ? path.join(dir, 'links') : dir;
  const glob = path.join(root, '**', '*.parquet');
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: o.memoryLimit, temp_directory: o.tempDir });
  const c = await instance.connect();
  try {
    const files = Number((await c.runAndReadAll(`SELECT count(*) FROM glob($1)`, [glob])).getRows()[0]?.[0] ?? 0);
    if (files === 0) throw edgeFileError(dir, 0, 'no Parquet files (expected links/crawl=…/bucket=…/*.parquet)');
    const crawlFilter = o.crawls === null ? '' : ` AND crawl IN (SELECT unnest($2::VARCHAR[]))`;
    const weight = o.weighted ? `, count(DISTINCT md5_number(concat_ws(chr(0), src_url, dst_url, kind, anchor)))::DOUBLE AS w` : '';
    await c.run(
      `CREATE TEMP TABLE pairs AS SELECT src_host AS s, dst_host AS d${weight}
         FROM read_parquet($1, hive_partitioning = true, union_by_name = true) WHERE ${FOLLOWED}${crawlFilter} GROUP BY 1, 2`,
      o.crawls === null ? [glob] : [glob, listValue([...o.crawls])],
      o.crawls === null ? undefined : [VARCHAR, LIST(VARCHAR)],
    );
    await c.run(`CREATE TEMP TABLE nodes AS SELECT (row_number() OVER (ORDER BY name) - 1)::INTEGER AS id, name FROM (SELECT s AS name FROM pairs UNION SELECT d FROM pairs)`);
    const names = await readNames(c);
    const m = Number((await c.runAndReadAll(`SELECT count(*) FROM pairs`)).getRows()[0]?.[0] ?? 0);
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    const weights = o.weighted ? new Float64Array(m) : null;
    const result = await c.stream(
      `SELECT a.id AS s, b.id AS d${o.weighted ? ', p.w' : ''} FROM pairs p JOIN nodes a ON a.name = p.s JOIN nodes b ON b.name = p.d`,
    );
    let e = 0;
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const s = chunk.getColumnVector(0);
      const d = chunk.getColumnVector(1);
      const w = weights === null ? null : chunk.getColumnVector(2);
      for (let i = 0; i < chunk.rowCount; i++, e++) {
        src[e] = s.getItem(i) as number;
        dst[e] = d.getItem(i) as number;
        if (weights !== null) weights[e] = w!.getItem(i) as number;
      }
    }
    return { edges: { nodeCount: names.length, edgeCount: e, src, dst, weights }, names };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

async function readNames(c: DuckDBConnection): Promise<string[]> {
  const names: string[] = [];
  const result = await c.stream(`SELECT name FROM nodes ORDER BY id`);
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const v = chunk.getColumnVector(0);
    for (let i = 0; i < chunk.rowCount; i++) names.push(v.getItem(i) as string);
  }
  return names;
}
