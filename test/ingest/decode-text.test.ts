import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText, detectTextEncoding } from '../../src/ingest/import/decode-text.js';
import type { TextEncodingName } from '../../src/ingest/import/decode-text.js';

async function decodeAll(bytes: Buffer, step: number, encoding?: TextEncodingName): Promise<{ text: string; encoding: string }> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
  }
  const decoded = decodeText(chunks(), { encoding: encoding ?? null });
  let text = '';
  for await (const t of decoded.chunks) text += t;
  return { text, encoding: (await decoded.encoding).encoding };
}

const SAMPLE = 'Referring page URL\tAnchor\r\nhttps://ä.test/€\tGrüße 👋\r\n';

describe('detectTextEncoding / decodeText', () => {
  it('drops a UTF-8 BOM', async () => {
    const r = await decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]), 5);
    assert.deepEqual(r, { text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-16LE with a BOM (the Ahrefs export), split at odd byte offsets and inside a surrogate pair', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    for (const step of [1, 3, 7, 64]) assert.deepEqual(await decodeAll(bytes, step), { text: SAMPLE, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with a BOM and UTF-16LE without one', async () => {
    const be = Buffer.from(SAMPLE, 'utf16le').swap16();
    assert.deepEqual(await decodeAll(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 4), { text: SAMPLE, encoding: 'utf-16be' });
    assert.equal(detectTextEncoding(Buffer.from(SAMPLE, 'utf16le')).encoding, 'utf-16le');
  });

  it('takes valid UTF-8 as UTF-8 and anything else as Windows-1252', async () => {
    assert.deepEqual(detectTextEncoding(Buffer.from(SAMPLE)), { encoding: 'utf-8', bomBytes: 0, source: 'valid-utf8' });
    const cp1252 = Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x20, 0x80]); // "Grüße €" in Windows-1252
    assert.deepEqual(await decodeAll(cp1252, 2), { text: 'Grüße €', encoding: 'windows-1252' });
  });

  it('does not mistake a UTF-8 sequence cut by the end of the sniffed prefix for invalid text', () => {
    const bytes = Buffer.from('abc€');
    assert.equal(detectTextEncoding(bytes.subarray(0, bytes.length - 1), false).encoding, 'utf-8');
  });

  it('obeys an explicit encoding', async () => {
    assert.deepEqual(await decodeAll(Buffer.from('Grüße'), 3, 'windows-1252'), { text: 'GrÃ¼ÃŸe', encoding: 'windows-1252' });
  });

  it('decodes an empty input to nothing', async () => {
    assert.deepEqual(await decodeAll(Buffer.alloc(0), 1), { text: '', encoding: 'utf-8' });
  });
});
