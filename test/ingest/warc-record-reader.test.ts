/**
 * WARC records out of real Common Crawl files, and survival of damage: truncated and corrupt
 * records are reported at their offset and reading carries on at the next record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WarcRecordReader } from '../../src/ingest/warc/warc-record-reader.js';
import type { WarcReadEvent } from '../../src/ingest/warc/warc-record-reader.js';
import type { InflatedPiece } from '../../src/ingest/warc/inflate-members.js';
import { plainBytes, splitRecords, WARC_2014, WARC_2024, WAT_2014 } from './fixtures/warc-files.js';

/** Read plain WARC bytes fed `step` bytes at a time. */
function read(data: Buffer, step = data.length, options = {}): WarcReadEvent[] {
  const reader = new WarcRecordReader(options);
  const out: WarcReadEvent[] = [];
  for (let i = 0; i < data.length; i += step) {
    const piece: InflatedPiece = { kind: 'data', data: data.subarray(i, i + step), offset: i, segmentCompressedStart: i, segmentUncompressedStart: i, memberOffset: null, plain: true };
    reader.push(piece, out);
  }
  reader.end(out);
  return out;
}

const summary = (events: WarcReadEvent[]): string[] =>
  events.map((e) => (e.kind === 'record' ? `${e.type}@${e.offset}` : `damaged@${e.offset}`));

const warc = plainBytes(WARC_2014);
const records = splitRecords(warc);
const starts = records.map((_, i) => records.slice(0, i).reduce((a, r) => a + r.length, 0));

describe('WarcRecordReader on real files', () => {
  it('reads the 13 records of the 2014 Common Crawl WARC, with types, lengths and blocks, at any read size', () => {
    const whole = read(warc);
    assert.equal(whole.length, 13);
    assert.deepEqual(
      whole.map((e) => (e.kind === 'record' ? e.type : 'damaged')),
      ['warcinfo', 'request', 'response', 'metadata', 'request', 'response', 'metadata', 'request', 'response', 'metadata', 'request', 'response', 'metadata'],
    );
    for (const e of whole) {
      assert.equal(e.kind, 'record');
      if (e.kind === 'record') assert.equal(e.body!.length, e.contentLength);
    }
    assert.deepEqual(summary(whole), records.map((_, i) => `${(whole[i] as { type: string }).type}@${starts[i]}`));
    for (const step of [1, 13, 4096]) assert.deepEqual(summary(read(warc, step)), summary(whole), `step ${step}`);
  });

  it('gives each record the resume point of the record after it', () => {
    const events = read(warc, 5000);
    for (let i = 0; i < 12; i++) {
      const e = events[i]!;
      assert.equal(e.kind, 'record');
      if (e.kind === 'record') assert.deepEqual(e.next, { compressedOffset: starts[i + 1], skipBytes: 0, uncompressedOffset: starts[i + 1] });
    }
    assert.equal((events[12] as { next: unknown }).next, null);
  });

  it('reads the 2024 WARC and both WATs', () => {
    assert.deepEqual(read(plainBytes(WARC_2024)).map((e) => (e.kind === 'record' ? e.type : e.reason)), ['warcinfo', 'request', 'response', 'metadata']);
    const wat = read(plainBytes(WAT_2014));
    assert.equal(wat.length, 9);
    assert.ok(wat.every((e) => e.kind === 'record' && (e.type === 'metadata' || e.type === 'warcinfo')));
  });
});

describe('WarcRecordReader on damaged input', () => {
  it('a record cut short mid-file (its Content-Length now too long) is reported, and the records it swallowed are read', () => {
    // Cut 3,000 bytes out of the middle of record 5's block (the 0pointer.de response).
    const cutAt = starts[5]! + 2000;
    const damaged = Buffer.concat([warc.subarray(0, cutAt), warc.subarray(cutAt + 3000)]);
    for (const step of [damaged.length, 777]) {
      const events = read(damaged, step);
      const bad = events.filter((e) => e.kind === 'damaged');
      assert.equal(bad.length, 1, `step ${step}`);
      assert.equal(bad[0]!.offset, starts[5]);
      assert.match((bad[0] as { reason: string }).reason, /shorter than its Content-Length/);
      const types = events.filter((e) => e.kind === 'record').map((e) => (e as { type: string }).type);
      // All 12 other records are there.
      assert.equal(types.length, 12, `step ${step}`);
    }
  });

  it('bytes that are not a record are reported at their offset and skipped', () => {
    const junk = Buffer.from('garbage that is not a WARC record\r\n\r\n');
    const damaged = Buffer.concat([warc.subarray(0, starts[3]), junk, warc.subarray(starts[3])]);
    const events = read(damaged, 64);
    assert.deepEqual(
      events.filter((e) => e.kind === 'damaged').map((e) => e.offset),
      [starts[3]],
    );
    assert.equal(events.filter((e) => e.kind === 'record').length, 13);
  });

  it('a header without a valid Content-Length is reported; the next record is read', () => {
    const text = warc.toString('latin1');
    const at = text.indexOf('Content-Length: 422', starts[1]);
    const damaged = Buffer.concat([warc.subarray(0, at), Buffer.from('Content-Length: four'), warc.subarray(at + 'Content-Length: 422'.length)]);
    const events = read(damaged, 1000);
    const bad = events.filter((e) => e.kind === 'damaged');
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.offset, starts[1]);
    assert.match((bad[0] as { reason: string }).reason, /Content-Length/);
    assert.deepEqual(
      events.filter((e) => e.kind === 'record').map((e) => e.offset),
      starts.filter((_, i) => i !== 1).map((s) => s + ('Content-Length: four'.length - 'Content-Length: 422'.length) * (s > at ? 1 : 0)),
    );
  });

  it('a file that ends inside a record reports the record as truncated', () => {
    const cut = warc.subarray(0, starts[11]! + 5000);
    const events = read(cut, 300);
    assert.equal(events.filter((e) => e.kind === 'record').length, 11);
    const last = events.at(-1)!;
    assert.equal(last.kind, 'damaged');
    assert.equal(last.offset, starts[11]);
    assert.match((last as { reason: string }).reason, /^record truncated: \d+ of 17758 block bytes$/);
    const endInHeader = read(warc.subarray(0, starts[12]! + 10));
    assert.equal(endInHeader.length, 13);
    assert.match((endInHeader.at(-1) as { reason: string }).reason, /header truncated/);
  });

  it('a gap in the data (a damaged gzip member) costs the record in progress only', () => {
    const reader = new WarcRecordReader();
    const out: WarcReadEvent[] = [];
    const piece = (from: number, to: number): InflatedPiece => ({
      kind: 'data', data: warc.subarray(from, to), offset: from, segmentCompressedStart: from, segmentUncompressedStart: from, memberOffset: from, plain: false,
    });
    reader.push(piece(0, starts[2]! + 100), out);
    reader.gap(out);
    reader.push(piece(starts[3]!, warc.length), out);
    reader.end(out);
    assert.deepEqual(summary(out), [`warcinfo@0`, `request@${starts[1]}`, `damaged@${starts[2]}`, ...records.slice(3).map((_, i) => `${['metadata', 'request', 'response'][i % 3]}@${starts[i + 3]}`)]);
  });

  it('passes over blocks larger than maxRecordBytes without holding them', () => {
    const events = read(warc, 8192, { maxRecordBytes: 10_000 });
    assert.equal(events.length, 13);
    const big = events.filter((e) => e.kind === 'record' && e.body === null);
    assert.deepEqual(big.map((e) => (e as { contentLength: number }).contentLength).sort((a, b) => a - b), [17758, 222942]);
  });
});
