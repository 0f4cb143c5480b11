/**
 * The store sink of `vouch worker ingest` (no --out): a file through the Store port gives what
 * `vouch ingest` gives, and a retried file changes nothing.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { NonRetryableError, ValidationError } from '../../../src/core/errors.js';
import { ingestArchive, ingestFileToStore } from '../../../src/ingest/index.js';
import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { WARC_2014, WARC_2024, WAT_2014 } from '../fixtures/warc-files.js';
import { storeRows } from './queue-fixtures.js';

describe('ingestFileToStore', () => {
  const temp = makeTempDir('vouch-file-to-store-');
  after(() => temp.cleanup());
  const files = [WARC_2014, WAT_2014, WARC_2024];

  it('writes the same links, pages and events as ingestArchive, and a second run changes nothing', async () => {
    const [viaPort, direct] = ['port', 'direct'].map((d) => path.join(temp.dir, d));
    const a = await openStore({ dataDir: viaPort });
    try {
      for (const f of files) await ingestFileToStore(a, f, { batchLinks: 100 });
      // A retried job: the last file again (re-running an earlier one would let it win ties with the files after it, as any re-ingest does).
      const again = await ingestFileToStore(a, WARC_2024);
      assert.equal(again.inserted, 0);
      assert.ok(again.updated > 0);
    } finally {
      await a.close();
    }
    const b = await openStore({ dataDir: direct });
    try {
      for (const f of files) await ingestArchive(b, f);
    } finally {
      await b.close();
    }
    const [x, y] = await Promise.all([storeRows(viaPort), storeRows(direct)]);
    assert.ok(y.links.length > 1_000);
    assert.deepEqual(x.links, y.links);
    assert.deepEqual(x.pages, y.pages);
    assert.deepEqual(x.events, y.events);
  });

  it('a file with no readable record is INVALID_INPUT; a missing one INVALID_CONFIG', async () => {
    const store = await openStore({ dataDir: path.join(temp.dir, 'bad') });
    try {
      const { writeFileSync } = await import('node:fs');
      const junk = path.join(temp.dir, 'junk.warc');
      writeFileSync(junk, 'no WARC here\n');
      await assert.rejects(ingestFileToStore(store, junk), (err: unknown) => err instanceof NonRetryableError && err.code === 'INVALID_INPUT' && err.message.includes(junk));
      await assert.rejects(ingestFileToStore(store, path.join(temp.dir, 'none.warc')), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
    } finally {
      await store.close();
    }
  });
});
