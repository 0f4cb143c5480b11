/**
 * `vouch rank --edges DIR --format parquet` against `--edges FILE.tsv` on the same synthetic
 * power-law host graph (bench/graph-synthetic.ts), each in a clean child process: read time, and
 * the memory a ranked graph costs per edge (typed arrays: edge list as read, CSR + PageRank
 * vectors after the edge list is dropped; V8 heap for the host names; peak RSS).
 * The Parquet dataset has the worker's layout (links/crawl=…/bucket=…) and one link row per edge.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { powerLawEdges } from './graph-synthetic.js';
import type { BenchResult } from './types.js';

const NODES = Number(process.env.VOUCH_BENCH_RANK_NODES ?? 200_000);
const EDGES = Number(process.env.VOUCH_BENCH_RANK_EDGES ?? 2_000_000);
const exec = promisify(execFile);

interface ChildResult {
  nodes: number;
  edges: number;
  readMs: number;
  buildMs: number;
  rankMs: number;
  edgeListBytes: number;
  graphBytes: number;
  namesHeapBytes: number;
  peakRssBytes: number;
}

async function child(format: 'parquet' | 'tsv', file: string): Promise<ChildResult> {
  const { stdout } = await exec(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'rank-parquet-child.ts'), format, file], { maxBuffer: 1 << 20 });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as ChildResult;
}

async function writeTsv(file: string): Promise<void> {
  const { src, dst, edgeCount } = powerLawEdges(NODES, EDGES, 42);
  const out = createWriteStream(file);
  let buffer = '';
  for (let e = 0; e < edgeCount; e++) {
    buffer += `h${src[e]}.example.com\th${dst[e]}.example.com\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

export async function run(): Promise<BenchResult[]> {
  const temp = makeTempDir('vouch-bench-rank-parquet-');
  try {
    const tsv = path.join(temp.dir, 'hosts.tsv');
    await writeTsv(tsv);
    const dataset = path.join(temp.dir, 'dataset');
    mkdirSync(dataset);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`COPY (SELECT 'http://' || s || '/' AS src_url, 'http://' || d || '/' AS dst_url, s AS src_host, s AS src_domain, d AS dst_host, d AS dst_domain,
        'a' AS kind, '' AS anchor, false AS nofollow, false AS ugc, false AS sponsored, false AS meta_nofollow, false AS hidden, 'body' AS position, '' AS context,
        NULL::INTEGER AS http_status, TIMESTAMP '2024-01-01' AS first_seen, TIMESTAMP '2024-01-01' AS last_seen, 'warc' AS source, 'bench' AS crawl, hash(d) % 16 AS bucket
        FROM read_csv('${tsv}', delim = '\t', header = false, columns = {'s': 'VARCHAR', 'd': 'VARCHAR'}))
      TO '${path.join(dataset, 'links')}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (crawl, bucket))`);
    c.closeSync();
    instance.closeSync();
    const parquet = await child('parquet', dataset);
    const plain = await child('tsv', tsv);
    const m = parquet.edges;
    const perEdge = (bytes: number): string => (bytes / m).toFixed(1);
    console.log(
      `graph: ${parquet.nodes} hosts, ${m} edges (after dedupe and self-loops). Parquet: edge list ${perEdge(parquet.edgeListBytes)} B/edge as read, ` +
        `CSR + PageRank ${perEdge(parquet.graphBytes)} B/edge, names ${(parquet.namesHeapBytes / parquet.nodes).toFixed(0)} B/host, peak RSS ${perEdge(parquet.peakRssBytes)} B/edge; ` +
        `TSV: edge list ${perEdge(plain.edgeListBytes)} B/edge, peak RSS ${perEdge(plain.peakRssBytes)} B/edge`,
    );
    const note = `${parquet.nodes} hosts, ${m} edges`;
    return [
      { name: 'rank --format parquet: read host graph', ours: parquet.readMs, peer: plain.readMs, unit: 'ms', higherIsBetter: false, note: `peer: the same graph as TSV; ${note}` },
      { name: 'rank --format parquet: peak RSS per edge', ours: parquet.peakRssBytes / m, peer: plain.peakRssBytes / m, unit: 'B/edge', higherIsBetter: false, note: 'read + CSR + PageRank, whole process' },
      { name: 'rank --format parquet: edge list as read, per edge', ours: parquet.edgeListBytes / m, peer: plain.edgeListBytes / plain.edges, unit: 'B/edge', higherIsBetter: false, note: 'typed arrays handed to buildGraph' },
    ];
  } finally {
    temp.cleanup();
  }
}
