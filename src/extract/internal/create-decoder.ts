/**
 * A streaming byte → text decoder for a WHATWG encoding name.
 *
 * windows-1252 is decoded here rather than by TextDecoder: Node 20's TextDecoder takes a latin1
 * fast path for it and turns 0x80-0x9F into C1 controls instead of € ‚ ƒ „ … “ ” and friends,
 * which are exactly the bytes that make windows-1252 pages differ from latin1 ones.
 */
export interface ByteDecoder {
  /** Decode the next chunk; `stream: true` keeps a split multi-byte sequence for the next call. */
  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string;
}

// Code points for bytes 0x80-0x9F in windows-1252 (WHATWG index); 0x81, 0x8D, 0x8F, 0x90, 0x9D map to themselves.
const W1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((c) => String.fromCharCode(c));
const C1 = /[\x80-\x9f]/g;

class Windows1252Decoder implements ByteDecoder {
  decode(chunk?: Uint8Array): string {
    if (chunk === undefined || chunk.byteLength === 0) return '';
    const latin1 = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    return latin1.replace(C1, (c) => W1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
}

/** A decoder for `encoding` (a name TextDecoder accepts). */
export function createDecoder(encoding: string): ByteDecoder {
  return encoding === 'windows-1252' ? new Windows1252Decoder() : new TextDecoder(encoding);
}
