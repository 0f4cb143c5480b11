/** WARC/WAT over http(s): streamed with undici, resumed with a Range request (or without, if the server ignores Range). */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NonRetryableError } from '../../src/core/errors.js';
import { ingestArchive } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { gzipPerRecord, plainBytes, repeatRecords, splitRecords, WARC_2014 } from './fixtures/warc-files.js';

const temp = makeTempDir('vouch-ingest-http-');
const { data } = gzipPerRecord(repeatRecords(splitRecords(plainBytes(WARC_2014)), 5));
const requests: Array<{ url: string; range: string | undefined }> = [];
let server: Server;
let base = '';

describe('ingest from a URL', () => {
  before(async () => {
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', range: req.headers.range });
      if (req.url === '/missing.warc.gz') {
        res.writeHead(404).end();
        return;
      }
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range !== null && req.url === '/ranged.warc.gz') {
        const from = Number(range[1]);
        res.writeHead(206, { 'content-length': data.length - from, 'content-range': `bytes ${from}-${data.length - 1}/${data.length}` }).end(data.subarray(from));
        return;
      }
      // Dribble the body out in small writes, as a network would.
      res.writeHead(200, { 'content-length': data.length });
      let at = 0;
      const step = (): void => {
        if (at >= data.length) {
          res.end();
          return;
        }
        res.write(data.subarray(at, at + 16_384), step);
        at += 16_384;
      };
      step();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    temp.cleanup();
  });

  const storeAt = (name: string): Promise<DuckDbStore> => openStore({ databasePath: path.join(temp.dir, `${name}.duckdb`) });
  const links = (store: DuckDbStore): Promise<unknown[]> => store.all(`SELECT src_url, dst_url, kind, anchor, first_seen FROM links ORDER BY ALL`);

  for (const name of ['ranged', 'unranged']) {
    it(`streams the file and resumes from the checkpoint (${name === 'ranged' ? 'Range request' : 'server ignores Range'})`, async () => {
      const url = `${base}/${name}.warc.gz`;
      const clean = await storeAt(`${name}-clean`);
      const whole = await ingestArchive(clean, url, { batchLinks: 400 });
      const expected = await links(clean);
      await clean.close();
      assert.equal(whole.state, 'done');
      assert.equal(whole.counts.htmlPages, 15);

      const store = await storeAt(name);
      const controller = new AbortController();
      let batches = 0;
      const first = await ingestArchive(store, url, { batchLinks: 400, signal: controller.signal, onProgress: () => ++batches === 2 && controller.abort() });
      assert.equal(first.state, 'interrupted');
      requests.length = 0;
      const second = await ingestArchive(store, url, { batchLinks: 400 });
      const offset = second.resumedFrom!.compressedOffset;
      assert.ok(offset > 0);
      assert.deepEqual(requests, [{ url: `/${name}.warc.gz`, range: `bytes=${offset}-` }]);
      assert.deepEqual(await links(store), expected);
      assert.deepEqual(second.counts.records, whole.counts.records);
      await store.close();
    });
  }

  it('fails on an HTTP error status without leaving a job behind', async () => {
    const store = await storeAt('missing');
    await assert.rejects(ingestArchive(store, `${base}/missing.warc.gz`), (err: unknown) => err instanceof NonRetryableError && err.code === 'HTTP_STATUS');
    assert.deepEqual(await store.all(`SELECT * FROM jobs`), []);
    await store.close();
  });
});
