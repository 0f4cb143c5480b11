import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ValidationError } from '../../core/errors.js';

/**
 * Lines of a UTF-8 text file, plain or gzip (multi-member too, detected by its magic number),
 * without their line breaks and with 1-based line numbers. Streams: memory is one read chunk.
 * @throws ValidationError (INVALID_CONFIG) when the file is missing; `flag` names the option it came from.
 */
export async function* readLines(file: string, flag?: string): AsyncGenerator<{ line: string; lineNumber: number }> {
  try {
    if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((err as NodeJS.ErrnoException).code ?? 'cannot read');
    throw new ValidationError(`${flag === undefined ? '' : `${flag} `}${file}: ${reason}`, [{ where: flag ?? file, message: reason }], { code: 'INVALID_CONFIG', cause: err });
  }
  const head = Buffer.alloc(2);
  const handle = await open(file);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file, { highWaterMark: 1024 * 1024 });
  // pipeline passes a read error on to the gunzip stream, whose iteration then throws.
  const chunks = (head[0] === 0x1f && head[1] === 0x8b ? pipeline(raw, createGunzip(), () => {}) : raw) as AsyncIterable<Buffer>;
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lineNumber = 0;
  for await (const chunk of chunks) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      lineNumber++;
      yield { line: text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl), lineNumber };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.decode();
  if (carry.length > 0) yield { line: carry.endsWith('\r') ? carry.slice(0, -1) : carry, lineNumber: lineNumber + 1 };
}
