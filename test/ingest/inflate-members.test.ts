import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { inflateMembers } from '../../src/ingest/warc/inflate-members.js';
import type { InflateDamage, InflatedPiece, InflateOptions } from '../../src/ingest/warc/inflate-members.js';
import { chunked, gzipPerRecord, plainBytes, splitRecords, WARC_2014 } from './fixtures/warc-files.js';

async function inflateAll(data: Buffer, step: number, options: InflateOptions = {}): Promise<{ pieces: InflatedPiece[]; damage: InflateDamage[]; joined: Buffer }> {
  const pieces: InflatedPiece[] = [];
  const damage: InflateDamage[] = [];
  for await (const p of inflateMembers(chunked(data, step), options)) {
    if (p.kind === 'data') pieces.push(p);
    else damage.push(p);
  }
  return { pieces, damage, joined: Buffer.concat(pieces.map((p) => p.data)) };
}

const records = splitRecords(plainBytes(WARC_2014));
const plain = Buffer.concat(records);
const { data: gz, offsets } = gzipPerRecord(records);

describe('inflateMembers', () => {
  it('inflates one member per record, reporting each member offset, whatever the read size', async () => {
    assert.equal(records.length, 13);
    for (const step of [1, 7, 1000, 1 << 20]) {
      const { pieces, damage, joined } = await inflateAll(gz, step);
      assert.deepEqual(damage, []);
      assert.ok(joined.equals(plain), `step ${step}`);
      assert.deepEqual(pieces.map((p) => p.memberOffset), offsets, `step ${step}`);
      let at = 0;
      for (const p of pieces) {
        assert.equal(p.offset, at);
        assert.equal(p.segmentCompressedStart, p.memberOffset);
        at += p.data.length;
      }
    }
  });

  it('passes plain input through, one segment per chunk', async () => {
    const { pieces, damage, joined } = await inflateAll(plain, 4096);
    assert.deepEqual(damage, []);
    assert.ok(joined.equals(plain));
    assert.ok(pieces.every((p) => p.plain && p.memberOffset === null && p.segmentCompressedStart === p.offset));
  });

  it('reports a corrupt member at its offset and decodes the members after it', async () => {
    const bad = Buffer.from(gz);
    const victim = 4;
    // Flip bytes in the deflate data of member 4: its CRC (or the inflate) fails.
    for (let i = offsets[victim]! + 20; i < offsets[victim]! + 40; i++) bad[i] = bad[i]! ^ 0x5a;
    const { pieces, damage, joined } = await inflateAll(bad, 333);
    assert.equal(damage.length, 1);
    assert.equal(damage[0]!.compressedOffset, offsets[victim]);
    assert.match(damage[0]!.reason, /corrupt gzip member|CRC-32/);
    assert.deepEqual(pieces.map((p) => p.memberOffset), offsets.filter((_, i) => i !== victim));
    assert.ok(joined.equals(Buffer.concat(records.filter((_, i) => i !== victim))));
  });

  it('skips bytes between members that are not gzip, reporting where they start', async () => {
    const junk = Buffer.from('this is not gzip at all');
    const data = Buffer.concat([gz.subarray(0, offsets[2]), junk, gz.subarray(offsets[2])]);
    const { damage, joined } = await inflateAll(data, 50);
    assert.deepEqual(damage.map((d) => d.compressedOffset), [offsets[2]]);
    assert.ok(joined.equals(plain));
  });

  it('reports a truncated last member', async () => {
    const cut = gz.subarray(0, gz.length - 100);
    const { pieces, damage } = await inflateAll(cut, 4096);
    assert.equal(damage.length, 1);
    assert.equal(damage[0]!.compressedOffset, offsets[12]);
    assert.equal(damage[0]!.reason, 'truncated gzip member');
    assert.equal(pieces.length, 12);
  });

  it('streams a member too large to hold, with resume points relative to its start', async () => {
    const single = gzipSync(plain);
    const both = Buffer.concat([gz.subarray(0, offsets[1]), single]);
    const { pieces, damage, joined } = await inflateAll(both, 1024, { maxMemberBytes: 4096 });
    assert.deepEqual(damage, []);
    assert.ok(joined.equals(Buffer.concat([records[0]!, plain])));
    assert.ok(pieces.length > 2);
    assert.ok(pieces.slice(1).every((p) => p.segmentCompressedStart === offsets[1] && p.segmentUncompressedStart === records[0]!.length));
  });

  it('resumes from a member start and drops the bytes to skip', async () => {
    const start = { compressedOffset: offsets[3]!, skipBytes: 100, uncompressedOffset: records.slice(0, 3).reduce((a, r) => a + r.length, 0) + 100 };
    const { pieces, joined } = await inflateAll(gz.subarray(offsets[3]), 500, { start });
    assert.ok(joined.equals(plain.subarray(start.uncompressedOffset)));
    assert.equal(pieces[0]!.offset, start.uncompressedOffset);
    assert.equal(pieces[0]!.memberOffset, offsets[3]);
  });
});
