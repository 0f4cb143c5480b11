import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { NonRetryableError, RetryableError, ValidationError } from '../../core/errors.js';

/** An input file, opened at a byte offset. */
export interface ByteSource {
  /** The bytes from `offset` on, in chunks. */
  chunks: AsyncIterable<Buffer>;
  /** Total size of the file when known (Content-Length / stat), else null. */
  size: number | null;
  /** Stable name of the input: an absolute path, or the URL. */
  identity: string;
}

export interface OpenByteSourceOptions {
  /** Start reading here (resume). */
  offset?: number;
  /** Bytes per read from a local file. */
  chunkBytes?: number;
  /** Give up on an HTTP response that has not started after this long. */
  headersTimeoutMs?: number;
}

export const OPEN_BYTE_SOURCE_DEFAULTS = { offset: 0, chunkBytes: 1024 * 1024, headersTimeoutMs: 60_000 } satisfies Required<OpenByteSourceOptions>;

/** True for `http://` and `https://` locations. */
export function isUrlLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * Open a local file or an http(s) URL as a byte stream from `offset`. URLs are streamed with undici
 * and resumed with a `Range` request; a server that ignores Range is read from the start and the
 * first `offset` bytes dropped.
 * @throws ValidationError (INVALID_CONFIG) for a missing local file; NonRetryableError HTTP_STATUS
 *   for a 4xx answer and RetryableError for 5xx or a network failure.
 */
export async function openByteSource(location: string, options: OpenByteSourceOptions = {}): Promise<ByteSource> {
  const o = { ...OPEN_BYTE_SOURCE_DEFAULTS, ...options };
  if (!isUrlLocation(location)) {
    const file = path.resolve(location);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      size = info.size;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : (code ?? 'cannot read');
      throw new ValidationError(`${location}: ${reason}`, [{ where: location, message: reason }], { code: 'INVALID_CONFIG', cause: err });
    }
    const chunks = createReadStream(file, { start: o.offset, highWaterMark: o.chunkBytes }) as AsyncIterable<Buffer>;
    return { chunks, size, identity: file };
  }
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(location, {
      method: 'GET',
      headers: o.offset > 0 ? { range: `bytes=${o.offset}-` } : {},
      headersTimeout: o.headersTimeoutMs,
      bodyTimeout: o.headersTimeoutMs,
    });
  } catch (err) {
    throw new RetryableError('NETWORK', `${location}: ${(err as Error).message}`, { cause: err });
  }
  const status = response.statusCode;
  if (status !== 200 && status !== 206) {
    await response.body.dump();
    const ErrorClass = status >= 500 || status === 429 ? RetryableError : NonRetryableError;
    throw new ErrorClass('HTTP_STATUS', `${location}: HTTP ${status}`);
  }
  const length = Number(response.headers['content-length'] ?? NaN);
  const skip = status === 200 ? o.offset : 0;
  const size = Number.isFinite(length) ? length + (status === 206 ? o.offset : 0) : null;
  return { chunks: skip > 0 ? dropPrefix(response.body, skip) : (response.body as AsyncIterable<Buffer>), size, identity: location };
}

async function* dropPrefix(body: AsyncIterable<Buffer>, bytes: number): AsyncGenerator<Buffer> {
  let left = bytes;
  for await (const chunk of body) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}
