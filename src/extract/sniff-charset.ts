/**
 * Which encoding to decode an HTML body with, in the WHATWG order:
 * 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
 * 2. the Content-Type header's charset, when it is a label TextDecoder knows;
 * 3. a `<meta charset>` / `<meta http-equiv=content-type>` prescan of the first 1024 bytes
 *    (utf-16 labels there mean utf-8, and x-user-defined means windows-1252, as the spec says);
 * 4. otherwise UTF-8 when the sniffed bytes are valid UTF-8 (pure ASCII counts), else windows-1252.
 *
 * Step 4 departs from WHATWG's locale default (windows-1252 for most locales) because most of
 * today's undeclared pages are UTF-8; windows-1252 still wins for bytes that are not valid UTF-8.
 * An unknown or unsupported label never throws: that step is skipped.
 */
import { isUtf8 } from 'node:buffer';
import type { CharsetSource } from './types.js';
import { charsetParam } from './internal/content-type.js';
import { prescanMetaCharset } from './internal/prescan-meta-charset.js';

export const SNIFF_PREFIX_BYTES = 1024;

export interface SniffedCharset {
  /** WHATWG encoding name that TextDecoder accepts. */
  encoding: string;
  source: Exclude<CharsetSource, 'string'>;
}

/** WHATWG name of a label, or null when TextDecoder does not support it. */
export function encodingForLabel(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/**
 * @param prefix the first bytes of the body (at least 1024 when the body has them; the whole body
 *   is best for the UTF-8 validity check of step 4)
 * @param contentType the Content-Type header, if any
 * @param complete true when `prefix` is the whole body (a truncated UTF-8 sequence at the end is then an error)
 */
export function sniffCharset(prefix: Uint8Array, contentType: string | null, complete = true): SniffedCharset {
  const b0 = prefix[0];
  const b1 = prefix[1];
  if (b0 === 0xef && b1 === 0xbb && prefix[2] === 0xbf) return { encoding: 'utf-8', source: 'bom' };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', source: 'bom' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', source: 'bom' };

  const fromHeader = contentType === null ? null : charsetParam(contentType);
  if (fromHeader !== null) {
    const enc = encodingForLabel(fromHeader);
    if (enc !== null) return { encoding: enc, source: 'content-type' };
  }

  const fromMeta = prescanMetaCharset(prefix.subarray(0, SNIFF_PREFIX_BYTES));
  if (fromMeta !== null) {
    const lower = fromMeta.trim().toLowerCase();
    if (lower === 'x-user-defined') return { encoding: 'windows-1252', source: 'meta' };
    const enc = encodingForLabel(lower);
    if (enc !== null) return { encoding: enc.startsWith('utf-16') ? 'utf-8' : enc, source: 'meta' };
  }

  return { encoding: looksUtf8(prefix, complete) ? 'utf-8' : 'windows-1252', source: 'default' };
}

/** Valid UTF-8, allowing (when not complete) a sequence cut off at the end. */
function looksUtf8(bytes: Uint8Array, complete: boolean): boolean {
  if (isUtf8(bytes)) return true;
  if (complete) return false;
  // Drop a trailing partial sequence: up to 3 bytes after the last lead byte.
  for (let k = 1; k <= 3 && k < bytes.length; k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) !== 0x80) return (b & 0xc0) === 0xc0 && isUtf8(bytes.subarray(0, bytes.length - k));
  }
  return false;
}
