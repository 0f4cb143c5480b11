/** Bad input: rows that cannot be read are reported as file:line with the reason, and the rest import. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { importFile } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ingest');
const temp = makeTempDir('vouch-import-bad-');
let store: DuckDbStore;

describe('import: malformed input', () => {
  before(async () => {
    store = await openStore({ databasePath: path.join(temp.dir, 'v.duckdb') });
  });
  after(async () => {
    await store.close();
    temp.cleanup();
  });

  it('reports each bad row at its line with the reason, and imports the good ones', async () => {
    const file = path.join(FIXTURES, 'semrush-malformed.csv');
    const summary = await importFile(store, file);
    assert.equal(summary.vendor, 'semrush');
    assert.deepEqual(
      summary.issues.map((i) => [i.where.slice(file.length + 1), i.message.replace(/:.*$/s, '')]),
      [
        ['3', '"source url" is not an http(s) URL'],
        ['4', '"target url" is not an http(s) URL'],
        ['5', '"first seen"'],
        ['6', '"nofollow" is not a yes/no value'],
        ['9', '20 fields, but the header has 19'],
        ['10', 'empty "source url"'],
        ['12', 'quoted field is never closed'],
      ],
    );
    assert.match(summary.issues[2]!.message, /not a valid date: "2026-02-30"/);
    assert.deepEqual([summary.rows, summary.imported, summary.failed], [9, 3, 7]);
    const sources = await store.all<{ src_url: string }>(`SELECT src_url FROM links ORDER BY src_url`);
    assert.deepEqual(sources.map((s) => s.src_url), ['https://a.test/1', 'https://a.test/6', 'https://a.test/9']);
  });

  it('rejects a file whose header no vendor writes, naming the file and line 1', async () => {
    const file = path.join(temp.dir, 'unknown.csv');
    writeFileSync(file, 'url,score\nhttps://a.test/,1\n');
    await assert.rejects(importFile(store, file), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.code, 'INVALID_INPUT');
      assert.equal(err.issues[0]!.where, `${file}:1`);
      return true;
    });
  });

  it('with --from, says which required columns are missing', async () => {
    const file = path.join(temp.dir, 'not-ahrefs.csv');
    writeFileSync(file, 'Source url,Target url\nhttps://a.test/,https://b.test/\n');
    await assert.rejects(importFile(store, file, { vendor: 'ahrefs' }), (err: unknown) => err instanceof ValidationError && /referring page url/.test(err.message));
    // The same header is a Semrush, Majestic or Moz export only by its signature columns: without one, nothing claims it.
    await assert.rejects(importFile(store, file), ValidationError);
    const forced = await importFile(store, file, { vendor: 'semrush' });
    assert.equal(forced.imported, 1);
  });

  it('refuses a Search Console export without --target (a usage error)', async () => {
    const file = path.join(temp.dir, 'gsc.csv');
    writeFileSync(file, 'Linking page,Last crawled\nhttps://a.test/,2026-11-24\n');
    await assert.rejects(importFile(store, file), (err: unknown) => err instanceof ValidationError && err.code === 'USAGE');
    await assert.rejects(importFile(store, file, { target: 'not a url' }), (err: unknown) => err instanceof ValidationError && err.code === 'USAGE');
  });

  it('calls a missing file a configuration error, and an empty file an input error', async () => {
    await assert.rejects(importFile(store, path.join(temp.dir, 'nope.csv')), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
    const empty = path.join(temp.dir, 'empty.csv');
    writeFileSync(empty, '');
    await assert.rejects(importFile(store, empty), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_INPUT');
  });

  it('reads a Windows-1252 export (Excel "CSV") and a header-only file', async () => {
    const file = path.join(temp.dir, 'majestic-1252.csv');
    // "Anchor Text" = "Grüße – €" in Windows-1252 bytes.
    const head = Buffer.from('Target URL,Source URL,Anchor Text,Flag No Follow,First Indexed Date,Last Seen Date\r\nhttps://www.vouch-shop.test/,https://a.test/w,');
    writeFileSync(file, Buffer.concat([head, Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x20, 0x96, 0x20, 0x80]), Buffer.from(',-,24.11.2026,25.11.2026\r\n')]));
    const summary = await importFile(store, file);
    assert.deepEqual([summary.vendor, summary.encoding, summary.imported], ['majestic', 'windows-1252', 1]);
    const row = await store.one<{ anchor: string }>(`SELECT anchor FROM links WHERE src_url = 'https://a.test/w'`);
    assert.equal(row?.anchor, 'Grüße – €');
    const headerOnly = path.join(temp.dir, 'header-only.csv');
    writeFileSync(headerOnly, 'Linking page,Last crawled\r\n');
    const none = await importFile(store, headerOnly, { target: 'https://www.vouch-shop.test/' });
    assert.deepEqual([none.rows, none.imported, none.failed], [0, 0, 0]);
  });
});
