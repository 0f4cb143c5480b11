import { Transform, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { NonRetryableError } from '../../../core/errors.js';

export interface BodyRead {
  body: Buffer;
  wireBytes: number;
  truncated: boolean;
}

/** Slack on the wire beyond maxBytes: a compressed body that big cannot decode to less than maxBytes. */
const WIRE_SLACK_BYTES = 1024 * 1024;

/**
 * Read a response body through its Content-Encoding decoders (gzip, deflate, br, chained), keeping
 * at most `maxBytes` of DECODED output. Past that the streams are destroyed (the connection with
 * them), so a gzip bomb or a 50 MB page costs maxBytes of memory and a little more on the wire.
 * Errors: an unknown encoding or corrupt compressed data is DECODE (NonRetryableError); errors of
 * the body stream itself (reset, timeout) are rethrown for the caller to classify.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<BodyRead> {
  // Destroying an undici body early emits an abort error; it must not go unhandled.
  body.on('error', () => undefined);
  const encodings = (contentEncoding ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '' && e !== 'identity');
  let wireBytes = 0;
  let truncated = false;
  const maxWireBytes = maxBytes + WIRE_SLACK_BYTES;
  const wireCapped = new Error('wire cap reached');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      wireBytes += chunk.length;
      // An error is the one way to stop every stream of the pipeline at once.
      done(wireBytes > maxWireBytes ? wireCapped : null, chunk);
    },
  });
  let decodeError: Error | null = null;
  const decoders: Transform[] = [];
  // Encodings are listed in the order applied, so they are undone from the last.
  for (let i = encodings.length - 1; i >= 0; i--) {
    const decoder = await decoderFor(encodings[i]!, i === encodings.length - 1 ? body : null);
    if (decoder === null) {
      body.destroy();
      throw new NonRetryableError('DECODE', `unsupported Content-Encoding "${encodings[i]}"`);
    }
    decoder.once('error', (err) => {
      if (isZlibError(err)) decodeError ??= err;
    });
    decoders.push(decoder);
  }
  const output = pipeline([body, counter, ...decoders], () => undefined) as unknown as Readable;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      const room = maxBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (err) {
    if (err === wireCapped) {
      truncated = true;
    } else if (decodeError !== null) {
      throw new NonRetryableError('DECODE', `corrupt ${encodings.join(', ')} body: ${(decodeError as Error).message}`, { cause: decodeError });
    } else {
      throw err;
    }
  } finally {
    if (!output.destroyed) output.destroy();
    if (!body.destroyed) body.destroy();
  }
  return { body: Buffer.concat(chunks, size), wireBytes, truncated };
}

async function decoderFor(encoding: string, peekable: Readable | null): Promise<Transform | null> {
  // Decoded output comes in 16 KiB chunks (zlib's default), so the cap is checked often.
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      // Z_SYNC_FLUSH: a body cut short yields what it had instead of failing at the end.
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress();
    case 'deflate': {
      // "deflate" should be zlib-wrapped (RFC 9110), but many servers send raw deflate.
      const first = peekable === null ? null : await peekFirstChunk(peekable);
      const raw = first !== null && first.length >= 2 && !isZlibHeader(first[0]!, first[1]!);
      return raw ? zlib.createInflateRaw({ finishFlush: zlib.constants.Z_SYNC_FLUSH }) : zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    }
    default:
      return null;
  }
}

function isZlibHeader(cmf: number, flg: number): boolean {
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** The first chunk of a stream, put back so the stream still yields it. */
async function peekFirstChunk(stream: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      stream.unshift(chunk);
      return chunk;
    }
    if (stream.readableEnded || stream.destroyed) return null;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('readable', done).off('end', done).off('error', done).off('close', done);
        resolve();
      };
      stream.on('readable', done).on('end', done).on('error', done).on('close', done);
    });
  }
}

/** zlib's own errors (Z_DATA_ERROR, brotli's ERR__ERROR_FORMAT_...), not ones the pipeline forwarded. */
function isZlibError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof (err as { errno?: unknown }).errno === 'number' && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__'));
}
