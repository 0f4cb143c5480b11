/** `ingestArchive` into a real store: counts, rows, damage, skip-when-done, interruption and resume (also after kill -9). */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ingestArchive } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { gzipPerRecord, plainBytes, repeatRecords, splitRecords, WARC_2014, WARC_2024, WAT_2014 } from './fixtures/warc-files.js';

const temp = makeTempDir('vouch-ingest-');
let n = 0;
const freshStore = (): Promise<DuckDbStore> => openStore({ databasePath: path.join(temp.dir, `s${n++}.duckdb`) });

/** Everything a run leaves in the store, without ids, for comparing runs. */
async function storeState(store: DuckDbStore): Promise<{ links: unknown[]; pages: unknown[]; events: unknown[] }> {
  return {
    links: await store.all(`SELECT * EXCLUDE (id) FROM links ORDER BY link_key`),
    pages: await store.all(`SELECT * FROM pages ORDER BY url`),
    events: await store.all(`SELECT l.link_key, e.event, e.occurred_at FROM link_events e JOIN links l ON l.id = e.link_id ORDER BY ALL`),
  };
}

const records2014 = splitRecords(plainBytes(WARC_2014));

describe('ingestArchive', () => {
  after(() => temp.cleanup());

  it('ingests the real WARC and WAT samples: counts, pages and links dated by WARC-Date', async () => {
    const store = await freshStore();
    const warc = await ingestArchive(store, WARC_2014);
    assert.equal(warc.state, 'done');
    assert.deepEqual(warc.counts.records, { warcinfo: 1, request: 4, response: 4, metadata: 4 });
    assert.deepEqual([warc.counts.pages, warc.counts.htmlPages, warc.counts.damaged], [4, 3, 0]);
    assert.deepEqual(warc.counts.skipped, { 'other-type': 9, 'not-html': 1 });
    const linkRows = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links`);
    assert.equal(Number(linkRows!.n), warc.counts.inserted);
    const photo = await store.one<{ status: number; title: string; fetched_at: Date; outlinks: number; source: string; ip: string }>(
      `SELECT status, title, fetched_at, outlinks, source, ip FROM pages WHERE url = 'http://0pointer.de/photos/?gallery=Australia&photo=496'`,
    );
    assert.deepEqual({ ...photo, fetched_at: photo!.fetched_at.toISOString() }, { status: 200, title: 'Photos', fetched_at: '2014-08-21T05:52:58.000Z', outlinks: 18, source: 'warc', ip: '85.214.72.216' });
    const dates = await store.all<{ first_seen: Date }>(`SELECT DISTINCT first_seen FROM links WHERE src_url = 'http://0pointer.de/photos/?gallery=Australia&photo=496'`);
    assert.deepEqual(dates.map((d) => d.first_seen.toISOString()), ['2014-08-21T05:52:58.000Z']);
    const truncated = await store.one<{ error: string }>(`SELECT error FROM pages WHERE url LIKE 'http://0x20.be/%'`);
    assert.equal(truncated?.error, 'TOO_LARGE');

    // The WAT of the same crawl adds nothing new: its links are the WARC's links.
    const wat = await ingestArchive(store, WAT_2014);
    assert.deepEqual([wat.counts.links, wat.counts.inserted, wat.counts.updated], [18, 0, 18]);
    assert.deepEqual(wat.counts.watRecords, { warcinfo: 1, request: 3, response: 2, metadata: 2 });
    assert.deepEqual(wat.counts.watEntries, { images: 4, forms: 1, unusable: 8, other: 0 });

    // A finished file is skipped; `again` reads it again and finds nothing new.
    const before = await storeState(store);
    const skipped = await ingestArchive(store, WARC_2014);
    assert.equal(skipped.state, 'already-done');
    assert.equal(skipped.counts.links, warc.counts.links);
    const again = await ingestArchive(store, WARC_2014, { again: true });
    assert.deepEqual([again.state, again.counts.inserted], ['done', 0]);
    assert.deepEqual((await storeState(store)).events, before.events);
    await store.close();
  });

  it('reports damaged gzip members and records at their offsets and ingests the rest', async () => {
    const { data, offsets } = gzipPerRecord(records2014);
    const bad = Buffer.from(data);
    // Member 5 (the 0pointer.de response) corrupt, and the file cut inside the last member.
    for (let i = offsets[5]! + 30; i < offsets[5]! + 60; i++) bad[i] = 0;
    const file = path.join(temp.dir, 'damaged.warc.gz');
    writeFileSync(file, bad.subarray(0, offsets[12]! + 20));
    const store = await freshStore();
    const summary = await ingestArchive(store, file);
    await store.close();
    assert.equal(summary.state, 'done');
    // One member per record: a damaged member costs exactly its record.
    assert.equal(summary.counts.damaged, 2);
    assert.equal(summary.counts.damage[0]!.offset, offsets[5]);
    assert.match(summary.counts.damage[0]!.reason, /^(corrupt gzip member|gzip member fails its CRC-32 check)/);
    assert.deepEqual(summary.counts.damage[1], { offset: offsets[12], recordOffset: null, reason: 'truncated gzip member' });
    // 13 records less the corrupt one and the truncated one.
    assert.equal(Object.values(summary.counts.records).reduce((a, b) => a + b, 0), 11);
    assert.equal(summary.counts.htmlPages, 2);
  });

  it('stops at a record boundary when aborted, and the next run resumes there with the same end result', async () => {
    const { data } = gzipPerRecord(repeatRecords(records2014, 6));
    const file = path.join(temp.dir, 'six.warc.gz');
    writeFileSync(file, data);

    const clean = await freshStore();
    const whole = await ingestArchive(clean, file, { batchLinks: 500 });
    const expected = await storeState(clean);
    await clean.close();

    const store = await freshStore();
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
    assert.ok(first.counts.links < whole.counts.links);
    const job = await store.one<{ state: string; progress: string }>(`SELECT state, progress::VARCHAR AS progress FROM jobs WHERE kind = 'ingest'`);
    assert.equal(job?.state, 'interrupted');
    const resume = (JSON.parse(job!.progress) as { resume: { compressedOffset: number } }).resume;
    assert.ok(resume.compressedOffset > 0 && resume.compressedOffset < data.length);

    const second = await ingestArchive(store, file, { batchLinks: 500 });
    assert.equal(second.state, 'done');
    assert.equal(second.resumedFrom?.compressedOffset, resume.compressedOffset);
    // Whole-file totals, as if it had run once.
    assert.deepEqual({ ...second.counts, bytesRead: 0, inserted: 0, updated: 0 }, { ...whole.counts, bytesRead: 0, inserted: 0, updated: 0 });
    assert.deepEqual(await storeState(store), expected);
    await store.close();
  });

  it('resumes after the process is killed (SIGKILL) part-way', async () => {
    const { data } = gzipPerRecord(repeatRecords(records2014, 8));
    const file = path.join(temp.dir, 'eight.warc.gz');
    writeFileSync(file, data);
    const database = path.join(temp.dir, 'killed.duckdb');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/ingest-child.ts'), database, file, '300'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_code, signal) => resolve(signal)));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if ((out.match(/^batch /gm) ?? []).length >= 3) child.kill('SIGKILL');
    });
    const signal = await closed;
    assert.equal(signal, 'SIGKILL', `the child finished before it was killed:\n${out}`);

    const store = await openStore({ databasePath: database });
    const resumed = await ingestArchive(store, file, { batchLinks: 300 });
    assert.equal(resumed.state, 'done');
    assert.ok(resumed.resumedFrom !== null && resumed.resumedFrom.compressedOffset > 0);
    const state = await storeState(store);
    await store.close();

    const clean = await freshStore();
    await ingestArchive(clean, file, { batchLinks: 300 });
    assert.deepEqual(state, await storeState(clean));
    await clean.close();
  });

  it('ingests gzip files holding one member per record (the 2024 sample)', async () => {
    const store = await freshStore();
    const summary = await ingestArchive(store, WARC_2024);
    const page = await store.one<{ url: string; title: string; lang: string }>(`SELECT url, title, lang FROM pages`);
    await store.close();
    assert.deepEqual([summary.counts.htmlPages, summary.counts.links, summary.counts.damaged], [1, 194, 0]);
    assert.deepEqual(page, { url: 'https://an.wikipedia.org/wiki/Escopete', title: 'Escopete - Biquipedia, a enciclopedia libre', lang: 'an' });
  });
});
