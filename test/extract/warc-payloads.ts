/**
 * Just enough WARC reading for the extractor's tests and benchmark: the HTTP response records of
 * the real Common Crawl samples in ../shared/testdata/warc, split into headers and body. (The real
 * reader lives in src/ingest; this one keeps the extractor's tests independent of it.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface WarcHtmlPayload {
  url: string;
  headers: Record<string, string[]>;
  contentType: string | null;
  body: Buffer;
  truncated: boolean;
}

export const WARC_DIR = path.resolve(process.cwd(), '../shared/testdata/warc');
export const WARC_FILES = [
  'CC-MAIN-20140820021334-00006-ip-10-180-136-8.ec2.internal.warc',
  'cc-whirlwind-2024/whirlwind.warc.gz',
];

const CRLF2 = Buffer.from('\r\n\r\n');

function parseHeaderBlock(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    (out[key] ??= []).push(line.slice(colon + 1).trim());
  }
  return out;
}

/** Every HTTP response record whose payload is HTML, in file order. */
export function readWarcHtmlPayloads(file: string): WarcHtmlPayload[] {
  let data = readFileSync(path.join(WARC_DIR, file));
  if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
  const out: WarcHtmlPayload[] = [];
  let pos = 0;
  while (pos < data.length) {
    const start = data.indexOf('WARC/', pos, 'latin1');
    if (start === -1) break;
    const headEnd = data.indexOf(CRLF2, start);
    if (headEnd === -1) break;
    const warc = parseHeaderBlock(data.toString('latin1', start, headEnd));
    const length = Number(warc['content-length']?.[0] ?? 0);
    const block = data.subarray(headEnd + 4, headEnd + 4 + length);
    pos = headEnd + 4 + length;
    if (warc['warc-type']?.[0] !== 'response') continue;
    const httpEnd = block.indexOf(CRLF2);
    if (httpEnd === -1) continue;
    const headers = parseHeaderBlock(block.toString('latin1', 0, httpEnd));
    const contentType = headers['content-type']?.[0] ?? null;
    if (contentType === null || !contentType.toLowerCase().includes('html')) continue;
    out.push({
      url: warc['warc-target-uri']![0]!,
      headers,
      contentType,
      body: Buffer.from(block.subarray(httpEnd + 4)),
      truncated: warc['warc-truncated'] !== undefined,
    });
  }
  return out;
}

/** All HTML payloads of all sample files. */
export function readAllWarcHtmlPayloads(): WarcHtmlPayload[] {
  return WARC_FILES.flatMap((f) => readWarcHtmlPayloads(f));
}
