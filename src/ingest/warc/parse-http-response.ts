import zlib from 'node:zlib';

/** The HTTP response inside a WARC `response` record. */
export interface HttpResponse {
  status: number;
  /** Header values by lower-case name. */
  headers: Record<string, string[]>;
  /** The payload, with transfer and content encodings undone where the record kept them. */
  body: Buffer;
  /** A content encoding could not be undone; `body` is the raw bytes. */
  undecodable: boolean;
}

/** Cap on a decompressed payload, against compression bombs. */
export const MAX_DECODED_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Parse an HTTP response message (status line, headers, body). Common Crawl stores payloads with
 * their encodings already removed (and, since 2018, renames the headers to `X-Crawler-…`); others keep
 * the bytes as sent, so `Transfer-Encoding: chunked` and `Content-Encoding: gzip|deflate|br` are
 * undone here. A truncated payload (WARC-Truncated) decodes as far as it goes.
 * @returns null when the block does not start with an HTTP status line.
 */
export function parseHttpResponse(block: Buffer): HttpResponse | null {
  let end = block.indexOf('\r\n\r\n');
  let bodyStart = end + 4;
  const lfEnd = block.indexOf('\n\n');
  if (lfEnd !== -1 && (end === -1 || lfEnd < end)) {
    end = lfEnd;
    bodyStart = lfEnd + 2;
  }
  if (end === -1) {
    end = block.length;
    bodyStart = block.length;
  }
  const lines = block.toString('latin1', 0, end).split(/\r?\n/);
  const statusLine = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? '');
  if (statusLine === null) return null;
  const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    (headers[line.slice(0, colon).trim().toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
  }
  let body = block.subarray(bodyStart);
  let undecodable = false;
  if (/chunked/i.test(headers['transfer-encoding']?.join(',') ?? '')) body = dechunk(body);
  const encoding = (headers['content-encoding']?.join(',') ?? '').toLowerCase().trim();
  // Some archivers (Common Crawl before 2018 among them) stored the decoded payload but kept the
  // Content-Encoding header: bytes that are not compressed are taken as they are.
  if (encoding !== '' && encoding !== 'identity' && body.length > 0 && !(encoding.includes('gzip') && !(body[0] === 0x1f && body[1] === 0x8b))) {
    const decoded = decode(body, encoding);
    if (decoded !== null) body = decoded;
    else if (!looksTextual(body)) undecodable = true;
  }
  return { status: Number(statusLine[1]), headers, body, undecodable };
}

/** Undo chunked transfer coding; a malformed or cut stream keeps what decoded so far. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < body.length) {
    const lineEnd = body.indexOf('\r\n', i);
    if (lineEnd === -1) break;
    const size = parseInt(body.toString('latin1', i, lineEnd).split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) return parts.length === 0 ? body : Buffer.concat(parts);
    if (size === 0) break;
    parts.push(body.subarray(lineEnd + 2, Math.min(body.length, lineEnd + 2 + size)));
    i = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function decode(body: Buffer, encoding: string): Buffer | null {
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED_BODY_BYTES };
  try {
    if (encoding.includes('gzip')) return zlib.gunzipSync(body, options);
    if (encoding.includes('deflate')) {
      // "deflate" is zlib-wrapped by the RFC, raw in some servers.
      try {
        return zlib.inflateSync(body, options);
      } catch {
        return zlib.inflateRawSync(body, options);
      }
    }
    if (encoding.includes('br')) return zlib.brotliDecompressSync(body, { maxOutputLength: MAX_DECODED_BODY_BYTES, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  } catch {
    return null;
  }
  return null;
}

/** No NUL or other binary control bytes in the first 512 bytes: already plain text. */
function looksTextual(body: Buffer): boolean {
  const n = Math.min(body.length, 512);
  for (let i = 0; i < n; i++) {
    const c = body[i]!;
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) return false;
  }
  return true;
}
