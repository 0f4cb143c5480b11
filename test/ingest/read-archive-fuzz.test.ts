/**
 * Randomly damaged copies of a real WARC (bytes flipped, cut out, or inserted; plain and gzip):
 * reading never throws and never hangs, every record is either read or reported, and records far
 * from the damage are read as in the intact file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readArchive } from '../../src/ingest/index.js';
import { chunked, gzipPerRecord, plainBytes, splitRecords, WARC_2014 } from './fixtures/warc-files.js';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(data: Buffer, random: () => number, edits: number): Buffer {
  let out = Buffer.from(data);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * out.length);
    const kind = random();
    if (kind < 0.4) out[at] = Math.floor(random() * 256);
    else if (kind < 0.7) out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + Math.floor(random() * 500)))]);
    else out = Buffer.concat([out.subarray(0, at), Buffer.from('WARC/1.0\r\nContent-Length: 9999\r\n\r\njunk'.slice(0, 1 + Math.floor(random() * 40))), out.subarray(at)]);
  }
  return out;
}

async function readAll(data: Buffer, step: number): Promise<{ records: Array<{ type: string; id: string | undefined }>; damaged: number }> {
  const records: Array<{ type: string; id: string | undefined }> = [];
  let damaged = 0;
  for await (const events of readArchive(chunked(data, step), { maxMemberBytes: 64 * 1024 })) {
    for (const e of events) {
      if (e.kind === 'damaged') damaged++;
      else records.push({ type: e.record.type, id: e.record.headers['warc-record-id'] });
    }
  }
  return { records, damaged };
}

const records = splitRecords(plainBytes(WARC_2014));
const plain = Buffer.concat(records);
const gz = gzipPerRecord(records).data;
const ids = records.map((r) => /WARC-Record-ID: (<[^>]+>)/.exec(r.toString('latin1'))![1]);

describe('readArchive on randomly damaged files', () => {
  for (const [name, data] of [['plain', plain], ['gzip', gz]] as const) {
    it(`${name}: survives 12 damaged copies`, async () => {
      for (let seed = 1; seed <= 12; seed++) {
        const random = prng(seed * 7919);
        const edits = 1 + Math.floor(random() * 4);
        const damaged = mutate(data, random, edits);
        const result = await readAll(damaged, 1 + Math.floor(random() * 70_000));
        // Each edit can damage at most a few records; the others are read, with their own ids.
        const intact = result.records.filter((r) => r.id !== undefined && ids.includes(r.id)).length;
        assert.ok(intact >= records.length - 3 * edits, `seed ${seed}: ${intact} intact records, ${result.damaged} damaged`);
        assert.ok(result.records.length + result.damaged >= records.length - 2 * edits, `seed ${seed}`);
      }
    });
  }
});
