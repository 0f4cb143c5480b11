/**
 * Call `onLine` for every line of a text file, gzip or plain (told apart by the gzip magic bytes),
 * streaming in chunks so memory stays bounded whatever the file size. Lines are split on LF, a
 * trailing CR is dropped, and numbering starts at 1.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ValidationError } from '../../core/errors.js';
import { edgeFileError } from './edge-file-error.js';

/**
 * Returns the number of lines. Errors thrown by `onLine` pass through; an unreadable or corrupt file
 * becomes a ValidationError naming it.
 */
export async function forEachLine(path: string, onLine: (line: string, lineNumber: number) => void): Promise<number> {
  try {
    const stream = (await isGzip(path)) ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
    return await splitLines(stream, onLine);
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw edgeFileError(path, 0, `cannot read: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function splitLines(stream: Readable, onLine: (line: string, lineNumber: number) => void): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNumber = 0;
  const emit = (line: string): void => {
    lineNumber++;
    onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber);
  };
  try {
    for await (const chunk of stream) {
      const text = carry + decoder.write(chunk as Buffer);
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        emit(text.slice(start, nl));
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      carry = text.slice(start);
    }
  } finally {
    stream.destroy();
  }
  carry += decoder.end();
  if (carry.length > 0) emit(carry);
  return lineNumber;
}
