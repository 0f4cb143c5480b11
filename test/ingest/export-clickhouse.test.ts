/**
 * `vouch export` on the ClickHouse store (chdb): the server's Parquet and CSV read back in DuckDB as
 * the same rows the ClickHouse views hold.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { exportTable, importFile } from '../../src/ingest/index.js';
import { sqlStringLiteral } from '../../src/ingest/export/export-table.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../store/contract/chdb-store.js';
import type { OpenedStore } from '../store/contract/store-contract.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/imports/samples');

describe('export on ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-export-ch-');
  let ch: OpenedStore;
  let duck: DuckDbStore;

  before(async () => {
    ch = await openChdbStore();
    // A second import of the same links leaves superseded versions, which the export must not repeat.
    for (const file of ['semrush-backlinks.csv', 'ahrefs-backlinks.tsv', 'semrush-backlinks.csv']) await importFile(ch.store, path.join(SAMPLES, file));
    duck = await openStore({ databasePath: path.join(tmp.dir, 'reader.duckdb') });
  });
  after(async () => {
    await duck.close();
    await ch.cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('writes links to Parquet and CSV with one row per link, as the views hold them', async () => {
    const stored = await ch.store.all<{ src_url: string; anchor: string; lost_reason: string | null }>(`SELECT src_url, anchor, lost_reason FROM links ORDER BY id`);
    assert.ok(stored.length >= 5, `${stored.length} links`);
    for (const format of ['parquet', 'csv'] as const) {
      const file = path.join(tmp.dir, 'out dir', `links.${format}`);
      const result = await exportTable(ch.store, 'links', format, file);
      assert.deepEqual(result, { kind: 'links', format, file, rows: stored.length });
      const source = format === 'parquet' ? `read_parquet(${sqlStringLiteral(file)})` : `read_csv(${sqlStringLiteral(file)}, header = true)`;
      const back = await duck.all<{ src_url: string; anchor: string; lost_reason: string | null }>(`SELECT src_url, anchor, lost_reason FROM ${source} ORDER BY id`);
      assert.deepEqual(back.map((r) => [r.src_url, r.anchor]), stored.map((r) => [r.src_url, r.anchor]), format);
      assert.ok(back.some((r) => r.lost_reason !== null), `${format}: the lost link keeps its reason`);
    }
  });

  it('streams CSV to standard output, and refuses Parquet there', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const result = await exportTable(ch.store, 'domains', 'csv', '-', { stdout: out });
    assert.equal(result.file, '-');
    assert.match(text.split('\n')[0]!, /^"domain"/);
    await assert.rejects(exportTable(ch.store, 'links', 'parquet', '-'), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_CONFIG');
  });
});
