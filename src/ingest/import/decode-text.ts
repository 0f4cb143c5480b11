/**
 * Bytes → text for vendor exports, streaming. Vendors disagree on encodings: Ahrefs writes UTF-16LE
 * with a BOM (tab-separated), Excel "Save as CSV" writes Windows-1252 or UTF-8 with a BOM, and
 * everyone else writes UTF-8. Detection, in order:
 * 1. a byte-order mark (UTF-8 `EF BB BF`, UTF-16LE `FF FE`, UTF-16BE `FE FF`), which is dropped;
 * 2. UTF-16 without a BOM: most odd (LE) or even (BE) bytes of the first 4 KiB are NUL;
 * 3. UTF-8 when the first 64 KiB decode as valid UTF-8;
 * 4. Windows-1252 otherwise (Excel's "ANSI" on western systems).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of BOM at the start (dropped by the decoder). */
  bomBytes: number;
  source: 'bom' | 'nul-pattern' | 'valid-utf8' | 'fallback' | 'option';
}

/** Bytes read before deciding, unless the input is shorter. */
export const DETECT_PREFIX_BYTES = 64 * 1024;

/** Detect the encoding of a text file from its first bytes (`complete`: these are all the bytes). */
export function detectTextEncoding(prefix: Uint8Array, complete = false): DetectedEncoding {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3, source: 'bom' };
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, source: 'bom' };
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, source: 'bom' };
  const sample = Math.min(prefix.length, 4096) & ~1;
  if (sample >= 4) {
    let oddNul = 0;
    let evenNul = 0;
    for (let i = 0; i < sample; i += 2) {
      if (prefix[i] === 0) evenNul++;
      if (prefix[i + 1] === 0) oddNul++;
    }
    const pairs = sample / 2;
    if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', bomBytes: 0, source: 'nul-pattern' };
    if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', bomBytes: 0, source: 'nul-pattern' };
  }
  try {
    // stream: true so that a sequence cut by the end of the prefix is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: !complete });
    return { encoding: 'utf-8', bomBytes: 0, source: 'valid-utf8' };
  } catch {
    return { encoding: 'windows-1252', bomBytes: 0, source: 'fallback' };
  }
}

/** Decoded text chunks, with what was detected (known once the first chunk is out). */
export interface DecodedText {
  chunks: AsyncGenerator<string>;
  /** Resolves once the encoding has been decided. */
  encoding: Promise<DetectedEncoding>;
}

/**
 * Decode a byte stream to text chunks. Detection waits for {@link DETECT_PREFIX_BYTES} (or the end);
 * after that each byte chunk becomes one text chunk, so memory stays at one chunk.
 * @example for await (const text of decodeText(createReadStream(file)).chunks) parser.push(text);
 */
export function decodeText(bytes: AsyncIterable<Uint8Array>, options: { encoding?: TextEncodingName | null } = {}): DecodedText {
  let resolveEncoding!: (e: DetectedEncoding) => void;
  const encoding = new Promise<DetectedEncoding>((resolve) => (resolveEncoding = resolve));
  async function* chunks(): AsyncGenerator<string> {
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    let decoder: TextDecoder | null = null;
    const start = (complete: boolean): string => {
      const prefix = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
      held = [];
      heldBytes = 0;
      const detected: DetectedEncoding =
        options.encoding != null ? { encoding: options.encoding, bomBytes: 0, source: 'option' } : detectTextEncoding(prefix, complete);
      resolveEncoding(detected);
      // ignoreBOM false: the decoder itself drops a BOM of its own encoding.
      decoder = new TextDecoder(detected.encoding, { ignoreBOM: false });
      // NOTE: always stream: Node 20's one-shot windows-1252 decode is Latin-1 (0x80 stays U+0080, not €).
      const text = decoder.decode(prefix, { stream: true });
      return complete ? text + decoder.decode() : text;
    };
    for await (const chunk of bytes) {
      if (decoder === null) {
        held.push(chunk);
        heldBytes += chunk.byteLength;
        if (heldBytes < DETECT_PREFIX_BYTES) continue;
        const text = start(false);
        if (text.length > 0) yield text;
        continue;
      }
      const text = (decoder as TextDecoder).decode(chunk, { stream: true });
      if (text.length > 0) yield text;
    }
    const tail = decoder === null ? start(true) : (decoder as TextDecoder).decode();
    if (tail.length > 0) yield tail;
  }
  return { chunks: chunks(), encoding };
}
