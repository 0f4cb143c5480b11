/** Common Crawl web graphs into the store, where `vouch rank` ranks them exactly as it ranks the files themselves. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { rankEdgeFile, rankStore } from '../../src/graph/index.js';
import { ingestCcGraph } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeUkwaAsCcGraph } from './fixtures/cc-graph-files.js';
import type { CcGraphFiles } from './fixtures/cc-graph-files.js';

const temp = makeTempDir('vouch-ccgraph-');
const SEEN = new Date('1996-10-01T00:00:00Z');
let graph: CcGraphFiles;
let n = 0;
const freshStore = (): Promise<DuckDbStore> => openStore({ databasePath: path.join(temp.dir, `g${n++}.duckdb`) });

describe('ingestCcGraph', () => {
  before(() => {
    graph = writeUkwaAsCcGraph(temp.dir, 8_000);
  });
  after(() => temp.cleanup());

  it('stores each edge as a followed link between root pages, and rank gives the PageRank of the graph file', async () => {
    const store = await freshStore();
    const summary = await ingestCcGraph(store, graph.vertices, graph.edges, { level: 'host', seenAt: SEEN });
    assert.deepEqual(
      [summary.state, summary.vertices, summary.edges, summary.selfLoops, summary.badLines, summary.badVertices, summary.inserted],
      ['done', graph.hosts.length, graph.edgeCount, graph.selfLoops, 0, 0, graph.edgeCount],
    );
    const sample = await store.one<Record<string, unknown>>(`SELECT src_url, src_host, src_domain, kind, anchor, source, first_seen FROM links WHERE src_host = 'acorn.educ.nottingham.ac.uk' LIMIT 1`);
    assert.deepEqual({ ...sample, first_seen: (sample!.first_seen as Date).toISOString() }, {
      src_url: 'http://acorn.educ.nottingham.ac.uk/', src_host: 'acorn.educ.nottingham.ac.uk', src_domain: 'nottingham.ac.uk', kind: 'a', anchor: '', source: 'ccgraph', first_seen: SEEN.toISOString(),
    });

    const ranked = await rankStore(store, { harmonic: 'none', seedNames: [] });
    assert.equal(ranked.hosts.edges, graph.edgeCount);
    const stored = new Map((await store.all<{ host: string; pagerank: number }>(`SELECT host, pagerank FROM hosts`)).map((r) => [r.host, r.pagerank]));
    await store.close();
    const direct = await rankEdgeFile(graph.edges, { format: 'commoncrawl', verticesPath: graph.vertices, harmonic: 'none' });
    assert.equal(direct.graph.edgeCount, graph.edgeCount);
    assert.equal(stored.size, direct.names.length);
    for (let i = 0; i < direct.names.length; i++) {
      const want = direct.metrics.pagerank.scores[i]!;
      const got = stored.get(direct.names[i]!)!;
      assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, want * 1e3), `${direct.names[i]}: ${got} vs ${want}`);
    }
  });

  it('reads a domain graph (3-column vertices), canonicalising names and reporting bad lines at file:line', async () => {
    const vertices = path.join(temp.dir, 'domain-vertices.txt');
    const edges = path.join(temp.dir, 'domain-edges.txt');
    writeFileSync(vertices, '0\tcom.example\t3\n1\tnet.other\t1\n2\tuk.co.shop\t2\n3\tbad..name\t1\nnot a vertex line\n6\tCOM.Example\t1\n');
    // 6 is example.com spelled in capitals: 6 → 0 is a self-loop, 6 → 1 the same edge as 0 → 1.
    writeFileSync(edges, '0\t1\n0\t2\n2\t0\n1\t1\nx\ty\n0\t9\n3\t0\n6\t0\n6\t1\n');
    const store = await freshStore();
    const summary = await ingestCcGraph(store, vertices, edges, { level: 'domain', seenAt: SEEN });
    const rows = await store.all<{ src_url: string; dst_url: string; src_domain: string; dst_domain: string }>(`SELECT src_url, dst_url, src_domain, dst_domain FROM links ORDER BY ALL`);
    await store.close();
    assert.deepEqual(rows, [
      { src_url: 'http://example.com/', dst_url: 'http://other.net/', src_domain: 'example.com', dst_domain: 'other.net' },
      { src_url: 'http://example.com/', dst_url: 'http://shop.co.uk/', src_domain: 'example.com', dst_domain: 'shop.co.uk' },
      { src_url: 'http://shop.co.uk/', dst_url: 'http://example.com/', src_domain: 'shop.co.uk', dst_domain: 'example.com' },
    ]);
    assert.deepEqual([summary.vertices, summary.badVertices, summary.edges, summary.selfLoops, summary.droppedEdges, summary.badLines, summary.inserted], [5, 1, 4, 2, 1, 3, 3]);
    assert.deepEqual(summary.issues.map((i) => i.where), [`${vertices}:5`, `${edges}:5`, `${edges}:6`]);
  });

  it('resumes an interrupted ingest after the edge lines already written', async () => {
    const clean = await freshStore();
    await ingestCcGraph(clean, graph.vertices, graph.edges, { seenAt: SEEN, batchEdges: 2_000 });
    const expected = await clean.all(`SELECT * EXCLUDE (id) FROM links ORDER BY link_key`);
    await clean.close();

    const store = await freshStore();
    const controller = new AbortController();
    const first = await ingestCcGraph(store, graph.vertices, graph.edges, { seenAt: SEEN, batchEdges: 2_000, signal: controller.signal, onProgress: () => controller.abort() });
    assert.equal(first.state, 'interrupted');
    assert.equal(first.edges, 2_000);
    const second = await ingestCcGraph(store, graph.vertices, graph.edges, { seenAt: SEEN, batchEdges: 2_000 });
    assert.equal(second.state, 'done');
    assert.equal(second.resumedAtLine, first.edgeLines);
    assert.equal(second.edges, graph.edgeCount);
    assert.deepEqual(await store.all(`SELECT * EXCLUDE (id) FROM links ORDER BY link_key`), expected);
    await store.close();
  });

  it('names a missing file by its flag', async () => {
    const store = await freshStore();
    await assert.rejects(ingestCcGraph(store, path.join(temp.dir, 'nope.gz'), graph.edges), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG' && err.message.startsWith('--vertices'));
    await store.close();
  });
});
