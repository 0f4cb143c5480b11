/**
 * `vouch import` on the ClickHouse store (chdb): every vendor sample gives the same links, the same
 * lost marks and the same events as on DuckDB, and importing a file again changes nothing.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../store/contract/chdb-store.js';
import type { OpenedStore } from '../store/contract/store-contract.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/imports/samples');
const NOW = new Date('2026-12-01T00:00:00Z');
const TARGET = 'https://www.vouch-shop.test/';

/** Links without their ids (a sequence on DuckDB, a hash on ClickHouse), in one order. */
async function linksOf(store: Store): Promise<unknown[]> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT src_url, dst_url, src_domain, dst_domain, kind, anchor, nofollow, ugc, sponsored, context, http_status,
       first_seen, last_seen, lost_at, lost_reason, source FROM links ORDER BY src_url, dst_url, kind, anchor`,
  );
  return rows.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}

async function eventsOf(store: Store): Promise<unknown[]> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT l.src_url, l.dst_url, l.anchor, e.event, e.reason, e.occurred_at FROM link_events e JOIN links l ON l.id = e.link_id
     ORDER BY l.src_url, l.dst_url, l.anchor, e.event, e.occurred_at`,
  );
  return rows.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}

describe('import on ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-import-ch-');
  let duck: Store;
  let ch: OpenedStore;
  const files = ['ahrefs-backlinks.tsv', 'semrush-backlinks.csv', 'majestic-backlinks.csv', 'moz-inbound-links.csv', 'gsc-latest-links.csv'];

  before(async () => {
    duck = await openStore({ dataDir: tmp.dir });
    ch = await openChdbStore();
  });
  after(async () => {
    await duck.close();
    await ch.cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('gives the links, lost marks and events DuckDB gives, and a second import changes nothing', async () => {
    for (const file of files) {
      const options = { now: NOW, target: file.startsWith('gsc') ? TARGET : null };
      const a = await importFile(duck, path.join(SAMPLES, file), options);
      const b = await importFile(ch.store, path.join(SAMPLES, file), options);
      assert.deepEqual({ ...b, file: '' }, { ...a, file: '' }, file);
    }
    const links = await linksOf(duck);
    assert.ok(links.length >= 10, `samples hold links (${links.length})`);
    assert.ok((links as { lost_at: unknown }[]).some((l) => l.lost_at !== null), 'a sample reports lost links');
    assert.deepEqual(await linksOf(ch.store), links);
    const events = await eventsOf(duck);
    assert.ok((events as { event: string }[]).some((e) => e.event === 'lost'));
    assert.deepEqual(await eventsOf(ch.store), events);

    // Again: the links are all known and the lost ones already lost.
    const again = await importFile(ch.store, path.join(SAMPLES, 'ahrefs-backlinks.tsv'), { now: NOW });
    assert.deepEqual([again.inserted, again.lost, again.recovered], [0, 0, 0]);
    assert.deepEqual(await linksOf(ch.store), links);
    assert.deepEqual(await eventsOf(ch.store), events);
    const rows = await ch.store.one<{ n: bigint }>(`SELECT count() AS n FROM links`);
    assert.equal(Number(rows!.n), links.length, 'one row per link through the FINAL view');
  });

  it('a malformed row is reported with its line on ClickHouse too, and the rest import', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = path.join(tmp.dir, 'broken.csv');
    const header = 'Source url,Source title,Target url,Anchor,External links,Internal links,Nofollow,Sponsored,Ugc,Text,Frame,Form,Image,Sitewide,First seen,Last seen,New link,Lost link';
    writeFileSync(file, `${header}\nhttps://a.test/p,T,https://www.vouch-shop.test/,shop,1,1,false,false,false,true,false,false,false,false,2026-01-02,2026-02-02,false,false\nnot a url,T,https://www.vouch-shop.test/,x,1,1,false,false,false,true,false,false,false,false,2026-01-02,2026-02-02,false,false\n`);
    const summary = await importFile(ch.store, file, { now: NOW });
    assert.equal(summary.imported, 1);
    assert.equal(summary.failed, 1);
    assert.match(summary.issues[0]!.where, /broken\.csv:3$/);
  });

  it('vouch --store chdb://… import runs the same import from the command line', async () => {
    const store = `chdb://${tmp.dir}/cli?database=imports`;
    const run = await runCli(['--store', store, '--json', 'import', path.join(SAMPLES, 'ahrefs-backlinks.tsv')], { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { files: { imported: number; lost: number }[] };
    assert.deepEqual([out.files[0]!.imported, out.files[0]!.lost], [5, 1]);
  });
});
