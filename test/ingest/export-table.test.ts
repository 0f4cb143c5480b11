import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { exportTable, importFile, ingestArchive } from '../../src/ingest/index.js';
import { sqlStringLiteral } from '../../src/ingest/export/export-table.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { WARC_2024 } from './fixtures/warc-files.js';

const temp = makeTempDir('vouch-export-');
let store: DuckDbStore;

describe('exportTable', () => {
  before(async () => {
    store = await openStore({ databasePath: path.join(temp.dir, 'v.duckdb') });
    await importFile(store, path.resolve(import.meta.dirname, '../../docs/imports/samples/semrush-backlinks.csv'));
    await ingestArchive(store, WARC_2024);
  });
  after(async () => {
    await store.close();
    temp.cleanup();
  });

  it('writes links to Parquet and CSV that read back as the table, even under a path with a quote in it', async () => {
    const dir = path.join(temp.dir, "it's here");
    mkdirSync(dir);
    const total = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links`))!.n);
    for (const format of ['parquet', 'csv'] as const) {
      const file = path.join(dir, `links.${format}`);
      const result = await exportTable(store, 'links', format, file);
      assert.deepEqual(result, { kind: 'links', format, file, rows: total });
      // CSV: NULL is an empty field and '' a quoted empty one ("").
      const source = format === 'parquet' ? `read_parquet(${sqlStringLiteral(file)})` : `read_csv(${sqlStringLiteral(file)}, allow_quoted_nulls = false)`;
      const back = await store.all<{ src_url: string; anchor: string; first_seen: unknown }>(`SELECT src_url, anchor, first_seen FROM ${source} ORDER BY id`);
      const stored = await store.all<{ src_url: string; anchor: string; first_seen: unknown }>(`SELECT src_url, anchor, first_seen FROM links ORDER BY id`);
      assert.equal(back.length, total);
      assert.deepEqual(back.map((r) => [r.src_url, r.anchor]), stored.map((r) => [r.src_url, r.anchor]));
    }
  });

  it('writes pages, domains and hosts, creating the output directory', async () => {
    const pages = await exportTable(store, 'pages', 'parquet', path.join(temp.dir, 'new/dir/pages.parquet'));
    assert.equal(pages.rows, 1);
    assert.equal((await exportTable(store, 'domains', 'csv', path.join(temp.dir, 'domains.csv'))).rows, 0);
    assert.equal((await exportTable(store, 'hosts', 'csv', path.join(temp.dir, 'hosts.csv'))).rows, 0);
  });

  it('refuses Parquet to standard output and an output that is a directory', async () => {
    await assert.rejects(exportTable(store, 'links', 'parquet', '-'), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
    await assert.rejects(exportTable(store, 'links', 'csv', temp.dir), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
  });
});
