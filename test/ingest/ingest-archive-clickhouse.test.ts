/**
 * `vouch ingest FILE` and `vouch ingest ccgraph` on the ClickHouse store (chdb): the real WARC and
 * WAT samples, and a web graph, give the pages, links and events a DuckDB store gets; a finished
 * file is skipped; an interrupted one resumes to the same end state.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ingestArchive, ingestCcGraph } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../store/contract/chdb-store.js';
import type { OpenedStore } from '../store/contract/store-contract.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeUkwaAsCcGraph } from './fixtures/cc-graph-files.js';
import { gzipPerRecord, plainBytes, repeatRecords, splitRecords, WARC_2014, WARC_2024, WAT_2014 } from './fixtures/warc-files.js';

/** What an ingest leaves in a store, without ids (a sequence on DuckDB, a hash on ClickHouse). */
async function storeState(store: Store): Promise<unknown> {
  const rows = {
    links: await store.all(
      `SELECT src_url, dst_url, kind, anchor, src_domain, dst_domain, nofollow, ugc, sponsored, position, context, first_seen, last_seen, lost_at, source
       FROM links ORDER BY src_url, dst_url, kind, anchor`,
    ),
    pages: await store.all(`SELECT url, host, domain, ip, fetched_at, status, content_type, bytes, title, canonical, noindex, nofollow, outlinks, source, error FROM pages ORDER BY url`),
    events: await store.all(
      `SELECT l.src_url, l.dst_url, l.kind, l.anchor, e.event, e.occurred_at FROM link_events e JOIN links l ON l.id = e.link_id
       ORDER BY l.src_url, l.dst_url, l.kind, l.anchor, e.event, e.occurred_at`,
    ),
  };
  return JSON.parse(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as unknown;
}

describe('ingest on ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-ingest-ch-');
  const stores: OpenedStore[] = [];
  const duckStores: Store[] = [];
  let n = 0;
  const duck = async (): Promise<Store> => {
    const s = await openStore({ databasePath: path.join(tmp.dir, `d${n++}.duckdb`) });
    duckStores.push(s);
    return s;
  };
  const ch = async (): Promise<Store> => {
    const s = await openChdbStore();
    stores.push(s);
    return s.store;
  };

  after(async () => {
    for (const s of duckStores) await s.close();
    for (const s of stores) await s.cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('ingests the real WARC and WAT samples as DuckDB does, and skips a finished file', async () => {
    const d = await duck();
    const c = await ch();
    for (const file of [WARC_2014, WAT_2014, WARC_2024]) {
      const a = await ingestArchive(d, file);
      const b = await ingestArchive(c, file);
      assert.equal(b.state, 'done');
      assert.deepEqual({ ...b.counts, bytesRead: 0 }, { ...a.counts, bytesRead: 0 }, path.basename(file));
    }
    const state = await storeState(d);
    assert.ok((state as { links: unknown[] }).links.length > 50);
    assert.deepEqual(await storeState(c), state);
    const skipped = await ingestArchive(c, WARC_2014);
    assert.equal(skipped.state, 'already-done');
    const job = await c.one<{ state: string; n: bigint }>(`SELECT any(state) AS state, count() AS n FROM jobs WHERE kind = 'ingest' AND job_key LIKE '%00006-ip%warc#%'`);
    assert.deepEqual([job!.state, Number(job!.n)], ['done', 1]);
  });

  it('resumes an interrupted file where it stopped, to the state of one whole run', async () => {
    const { data } = gzipPerRecord(repeatRecords(splitRecords(plainBytes(WARC_2014)), 6));
    const file = path.join(tmp.dir, 'six.warc.gz');
    writeFileSync(file, data);
    const whole = await ch();
    await ingestArchive(whole, file, { batchLinks: 500 });
    const expected = await storeState(whole);

    const store = await ch();
    const controller = new AbortController();
    let batches = 0;
    const first = await ingestArchive(store, file, {
      batchLinks: 500,
      signal: controller.signal,
      onProgress: () => {
        if (++batches === 2) controller.abort();
      },
    });
    assert.equal(first.state, 'interrupted');
    const second = await ingestArchive(store, file, { batchLinks: 500 });
    assert.equal(second.state, 'done');
    assert.ok((second.resumedFrom?.compressedOffset ?? 0) > 0, 'the second run started where the first stopped');
    assert.deepEqual(await storeState(store), expected);
  });

  it('ingests a Common Crawl web graph as DuckDB does, and a second run finds the job done', async () => {
    const graph = writeUkwaAsCcGraph(tmp.dir, 3_000);
    const seenAt = new Date('1996-10-01T00:00:00Z');
    const d = await duck();
    const c = await ch();
    const a = await ingestCcGraph(d, graph.vertices, graph.edges, { level: 'host', seenAt });
    const b = await ingestCcGraph(c, graph.vertices, graph.edges, { level: 'host', seenAt, batchEdges: 1_000 });
    assert.equal(b.state, 'done');
    assert.deepEqual([b.edges, b.inserted, b.selfLoops], [a.edges, a.inserted, a.selfLoops]);
    assert.deepEqual(await storeState(c), await storeState(d));
    const again = await ingestCcGraph(c, graph.vertices, graph.edges, { level: 'host', seenAt });
    assert.equal(again.inserted, 0);
  });
});
