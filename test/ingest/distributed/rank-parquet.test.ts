/**
 * `vouch rank --edges DIR --format parquet` ranks the host graph of a worker-written Parquet dataset
 * exactly as `--edges FILE` ranks the same graph written as TSV.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rankEdgeFile, rankNamedEdges, readParquetEdges, readStoreHostEdges } from '../../../src/graph/index.js';
import { ingestArchive, ingestFileToParquet } from '../../../src/ingest/index.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTempDir, SHARED_TESTDATA } from '../../helpers/temp-dir.js';
import { WARC_2014, WARC_2024, WAT_2014, WAT_2024 } from '../fixtures/warc-files.js';
import { writeRepeatedWarc } from './queue-fixtures.js';

interface RankJson {
  nodes: number;
  edges: number;
  rows: Array<{ node: string; pagerank: number; trust: number | null; in_degree: number; out_degree: number; ref_domains: number | null; harmonic: number | null }>;
}

/**
 * PageRank stops when an iteration moves the vector by less than 1e-10 (L1); two numberings of the
 * same graph sum in another order, so their results agree to within 1e-10 / (1 − 0.85) ≈ 7e-10 a node.
 */
const SAME_SCORE = 1e-9;

/** Same nodes, same degrees, the same scores up to the order of floating-point sums. */
function assertSameRanking(a: RankJson, b: RankJson): void {
  assert.equal(a.nodes, b.nodes);
  assert.equal(a.edges, b.edges);
  const byNode = new Map(b.rows.map((r) => [r.node, r]));
  assert.equal(a.rows.length, b.rows.length);
  for (const r of a.rows) {
    const o = byNode.get(r.node);
    assert.ok(o, `${r.node} in both`);
    assert.deepEqual([r.in_degree, r.out_degree, r.ref_domains], [o.in_degree, o.out_degree, o.ref_domains], r.node);
    // Harmonic centrality sums 1/d in BFS order, which follows the node numbering.
    assert.ok(Math.abs((r.harmonic ?? 0) - (o.harmonic ?? 0)) <= SAME_SCORE && (r.harmonic === null) === (o.harmonic === null), `${r.node} harmonic`);
    assert.ok(Math.abs(r.pagerank - o.pagerank) <= SAME_SCORE, `${r.node}: ${r.pagerank} vs ${o.pagerank}`);
  }
}

describe('rank from a Parquet dataset', () => {
  const temp = makeTempDir('vouch-rank-parquet-');
  after(() => temp.cleanup());

  it('the host graph of worker output ranks as the TSV of the store’s host graph does (weighted, via the CLI)', async () => {
    const files = [WARC_2014, WAT_2014, WARC_2024, WAT_2024, writeRepeatedWarc(path.join(temp.dir, 'repeated.warc.gz'), 20)];
    const dataset = path.join(temp.dir, 'dataset');
    for (const f of files) await ingestFileToParquet(f, { outDir: dataset, buckets: 3 });
    // The equivalent edge file, by the other road: a single-process ingest, and the store's own edge rule.
    const store = await openStore({ databasePath: path.join(temp.dir, 'store.duckdb') });
    const tsv = path.join(temp.dir, 'hosts.tsv');
    let fromStore: Awaited<ReturnType<typeof rankNamedEdges>>;
    try {
      for (const f of files) await ingestArchive(store, f);
      const edges = await store.all<{ s: string; d: string; n: number }>(
        `SELECT src_host AS s, dst_host AS d, count(*)::INTEGER AS n FROM links
          WHERE kind = 'a' AND NOT nofollow AND NOT ugc AND NOT sponsored AND NOT meta_nofollow AND lost_at IS NULL AND src_host <> dst_host
          GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      assert.ok(edges.length > 50, `a graph worth ranking (${edges.length} edges)`);
      writeFileSync(tsv, `source\ttarget\tweight\n${edges.map((e) => `${e.s}\t${e.d}\t${e.n}`).join('\n')}\n`);
      // The store port's stream of host edges (what `vouch --store clickhouse://… rank` reads) gives the same graph.
      fromStore = await rankNamedEdges(await readStoreHostEdges(store, { weighted: true }), { weighted: true });
    } finally {
      await store.close();
    }
    const [fromParquet, fromTsv] = await Promise.all([
      runCli(['--json', 'rank', '--weighted', '--edges', dataset, '--format', 'parquet']),
      runCli(['--json', 'rank', '--weighted', '--edges', tsv]),
    ]);
    assert.equal(fromParquet.code, 0, fromParquet.stderr);
    assert.equal(fromTsv.code, 0, fromTsv.stderr);
    const tsvRanking = JSON.parse(fromTsv.stdout) as RankJson;
    assertSameRanking(JSON.parse(fromParquet.stdout) as RankJson, tsvRanking);
    assertSameRanking(
      {
        nodes: fromStore.graph.nodeCount,
        edges: fromStore.graph.edgeCount,
        rows: fromStore.names.map((node, i) => ({
          node,
          pagerank: fromStore.metrics.pagerank.scores[i]!,
          trust: null,
          in_degree: fromStore.metrics.inDegree[i]!,
          out_degree: fromStore.metrics.outDegree[i]!,
          ref_domains: fromStore.metrics.referringDomains?.[i] ?? null,
          harmonic: fromStore.metrics.harmonic?.[i] ?? null,
        })),
      },
      tsvRanking,
    );
  });

  it('a 58,842-host real graph (UK web 1996) as Parquet ranks as the original file does', async () => {
    const ukwa = path.join(SHARED_TESTDATA, 'graphs/ukwa-1996-hostlinks.tsv.gz');
    const dataset = path.join(temp.dir, 'ukwa');
    mkdirSync(dataset);
    // One followed link row per host pair, in the worker's layout (crawl=…/bucket=…).
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      await c.run(`COPY (
          SELECT 'http://' || s || '/' AS src_url, 'http://' || d || '/' AS dst_url, s AS src_host, s AS src_domain, d AS dst_host, d AS dst_domain,
                 'a' AS kind, '' AS anchor, false AS nofollow, false AS ugc, false AS sponsored, false AS meta_nofollow, false AS hidden,
                 'body' AS position, '' AS context, NULL::INTEGER AS http_status, TIMESTAMP '1996-12-31' AS first_seen, TIMESTAMP '1996-12-31' AS last_seen,
                 'ccgraph' AS source, 'ukwa-1996' AS crawl, hash(d) % 4 AS bucket
            FROM (SELECT split_part(column0, '|', 2) AS s, split_part(column0, '|', 3) AS d FROM read_csv($1, delim = '\t', header = false, columns = {'column0': 'VARCHAR', 'column1': 'BIGINT'})))
        TO '${path.join(dataset, 'links').replaceAll("'", "''")}' (FORMAT parquet, PARTITION_BY (crawl, bucket))`.replace('$1', `'${ukwa}'`));
    } finally {
      c.closeSync();
      instance.closeSync();
    }
    const { edges, names } = await readParquetEdges(dataset);
    assert.equal(names.length, 58_842 - (await isolatedByLoops(ukwa)));
    assert.equal(edges.edgeCount, 184_433 - 10_311);
    const options = { harmonic: 'none' as const };
    const [a, b] = await Promise.all([rankEdgeFile(dataset, { ...options, format: 'parquet' }), rankEdgeFile(ukwa, { ...options, format: 'ukwa' })]);
    assert.equal(a.graph.edgeCount, b.graph.edgeCount);
    const idOf = new Map(b.names.map((n, i) => [n, i]));
    let worst = 0;
    a.names.forEach((name, i) => {
      const j = idOf.get(name);
      assert.ok(j !== undefined, name);
      worst = Math.max(worst, Math.abs(a.metrics.pagerank.scores[i]! - b.metrics.pagerank.scores[j]!));
      assert.equal(a.metrics.inDegree[i], b.metrics.inDegree[j]);
    });
    assert.ok(worst <= SAME_SCORE, `largest PageRank difference ${worst}`);
  });

  it('a folder with no Parquet in it is an input error naming the folder', async () => {
    const empty = path.join(temp.dir, 'empty');
    mkdirSync(empty);
    const r = await runCli(['rank', '--edges', empty, '--format', 'parquet']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\[INVALID_INPUT\]/);
    assert.ok(r.stderr.includes(empty));
  });
});

/** Hosts whose only edges are self-loops drop out of the graph; count them from the file itself. */
async function isolatedByLoops(file: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    const r = await c.runAndReadAll(`WITH e AS (SELECT split_part(column0, '|', 2) AS s, split_part(column0, '|', 3) AS d FROM read_csv('${file}', delim = '\t', header = false, columns = {'column0': 'VARCHAR', 'column1': 'BIGINT'})),
      kept AS (SELECT s AS h FROM e WHERE s <> d UNION SELECT d FROM e WHERE s <> d),
      every AS (SELECT s AS h FROM e UNION SELECT d FROM e)
      SELECT (SELECT count(*) FROM every) - (SELECT count(*) FROM kept)`);
    return Number(r.getRows()[0]![0]);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
