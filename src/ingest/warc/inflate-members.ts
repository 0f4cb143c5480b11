/**
 * Bytes of a WARC/WAT file → its uncompressed bytes, keeping track of where decoding can restart.
 *
 * Web-archive files are gzipped one record per gzip member (RFC 1952 allows members back to back),
 * so that a reader can seek to any record. This reader inflates member by member with zlib's
 * native raw inflate and checks each member's CRC-32 and length, which gives three things a plain
 * gunzip stream cannot: the compressed offset of every member (resume points), a damaged member
 * reported at its offset while the next one still decodes (resync on the next `1f 8b 08` magic),
 * and a truncated last member told apart from a clean end.
 *
 * A member too large to hold (a whole file gzipped as one member) switches the rest of the input to
 * zlib's streaming gunzip: memory stays bounded, and resume points are then (member start,
 * uncompressed bytes to skip). Input that is not gzip at all passes through unchanged.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** Where decoding can start again: open the file at `compressedOffset`, inflate, drop `skipBytes`. */
export interface ResumePoint {
  compressedOffset: number;
  skipBytes: number;
  /** The uncompressed offset this point stands for. */
  uncompressedOffset: number;
}

/** A piece of uncompressed data. */
export interface InflatedPiece {
  kind: 'data';
  data: Buffer;
  /** Uncompressed offset of data[0]. */
  offset: number;
  /** Where this piece's data can be decoded from again: a member start (or, plain, the piece start). */
  segmentCompressedStart: number;
  /** Uncompressed offset at segmentCompressedStart. */
  segmentUncompressedStart: number;
  /** Compressed offset of the gzip member holding data[0], or null for plain input. */
  memberOffset: number | null;
  plain: boolean;
}

/** Bytes that could not be decoded; the data stream has a gap here. */
export interface InflateDamage {
  kind: 'damage';
  /** Compressed offset where the damage starts. */
  compressedOffset: number;
  reason: string;
}

export interface InflateOptions {
  /** Resume here (from an earlier ResumePoint); the source must already start at its compressedOffset. */
  start?: ResumePoint | null;
  /** Members whose compressed size exceeds this are inflated as a stream instead (see above). */
  maxMemberBytes?: number;
}

export const INFLATE_DEFAULTS = { start: null, maxMemberBytes: 16 * 1024 * 1024 } satisfies Required<InflateOptions>;

const MIN_MEMBER_BYTES = 18;

/** Position of the resume point for uncompressed offset `offset` inside `piece`. */
export function resumePointIn(piece: InflatedPiece, offset: number): ResumePoint {
  if (piece.plain) return { compressedOffset: offset, skipBytes: 0, uncompressedOffset: offset };
  return { compressedOffset: piece.segmentCompressedStart, skipBytes: offset - piece.segmentUncompressedStart, uncompressedOffset: offset };
}

/**
 * Inflate a (possibly multi-member gzip, possibly plain) byte stream.
 * @example for await (const p of inflateMembers(source.chunks)) if (p.kind === 'data') reader.push(p);
 */
export async function* inflateMembers(source: AsyncIterable<Buffer>, options: InflateOptions = {}): AsyncGenerator<InflatedPiece | InflateDamage> {
  const o = { ...INFLATE_DEFAULTS, ...options };
  const it = source[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  let pendingStart = o.start?.compressedOffset ?? 0;
  let out = (o.start?.uncompressedOffset ?? 0) - (o.start?.skipBytes ?? 0);
  let skip = o.start?.skipBytes ?? 0;
  let eof = false;
  const more = async (): Promise<boolean> => {
    if (eof) return false;
    const r = await it.next();
    if (r.done === true) {
      eof = true;
      return false;
    }
    pending = pending.length === 0 ? r.value : Buffer.concat([pending, r.value]);
    return true;
  };
  // Drop the first `skip` uncompressed bytes of a resumed segment.
  const emit = (piece: InflatedPiece): InflatedPiece | null => {
    if (skip === 0) return piece;
    if (skip >= piece.data.length) {
      skip -= piece.data.length;
      return null;
    }
    const cut = { ...piece, data: piece.data.subarray(skip), offset: piece.offset + skip };
    skip = 0;
    return cut;
  };

  while (pending.length < 3 && (await more()));
  if (pending.length === 0) return;
  if (!isMemberStart(pending, 0)) {
    // Plain input: pass through, each chunk its own segment.
    let offset = pendingStart;
    while (true) {
      const piece = emit({ kind: 'data', data: pending, offset, segmentCompressedStart: offset, segmentUncompressedStart: offset, memberOffset: null, plain: true });
      if (piece !== null) yield piece;
      offset += pending.length;
      pending = Buffer.alloc(0);
      if (!(await more())) return;
    }
  }

  let wantBytes = 0;
  /** Looking for the next member after damage (already reported). */
  let resyncing = false;
  while (true) {
    if (pending.length < Math.max(wantBytes, MIN_MEMBER_BYTES) && !eof) {
      await more();
      continue;
    }
    if (pending.length === 0) return;
    if (resyncing || !isMemberStart(pending, 0)) {
      if (!resyncing) yield { kind: 'damage', compressedOffset: pendingStart, reason: 'bytes that are not a gzip member' };
      resyncing = true;
      const next = findMemberStart(pending, 0);
      if (next === -1) {
        if (eof) return;
        // Keep the last two bytes (a magic number may straddle the next read) and read on.
        pendingStart += Math.max(0, pending.length - 2);
        pending = pending.subarray(Math.max(0, pending.length - 2));
        wantBytes = 3 + pending.length;
        continue;
      }
      pendingStart += next;
      pending = pending.subarray(next);
      resyncing = false;
      wantBytes = 0;
      continue;
    }
    const headerBytes = gzipHeaderLength(pending);
    if (headerBytes === -1 && !eof) {
      wantBytes = pending.length + 1;
      continue;
    }
    let inflated: { buffer: Buffer; engine: zlib.Zlib } | null = null;
    let failure: string | null = headerBytes === -1 ? 'truncated gzip header' : null;
    if (failure === null) {
      try {
        inflated = zlib.inflateRawSync(pending.subarray(headerBytes), { info: true }) as unknown as { buffer: Buffer; engine: zlib.Zlib };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'Z_BUF_ERROR' && !eof) {
          if (pending.length > o.maxMemberBytes) {
            yield* streamRest(pending, pendingStart, out, it, emit);
            return;
          }
          // Wait for twice as much before trying again, so a long member costs O(size), not O(size²).
          wantBytes = Math.min(o.maxMemberBytes + 1, Math.max(pending.length * 2, pending.length + 64 * 1024));
          continue;
        }
        failure = code === 'Z_BUF_ERROR' ? 'truncated gzip member' : `corrupt gzip member (${(err as Error).message})`;
      }
    }
    let consumed = 0;
    if (inflated !== null) {
      consumed = headerBytes + inflated.engine.bytesWritten;
      if (pending.length < consumed + 8 && !eof) {
        wantBytes = consumed + 8;
        continue;
      }
      if (pending.length < consumed + 8) failure = 'gzip member has no trailer';
      else if (pending.readUInt32LE(consumed) !== zlib.crc32(inflated.buffer) || pending.readUInt32LE(consumed + 4) !== inflated.buffer.length % 2 ** 32) {
        failure = 'gzip member fails its CRC-32 check';
      }
    }
    if (failure !== null) {
      yield { kind: 'damage', compressedOffset: pendingStart, reason: failure };
      // Search from the byte after this member's magic.
      pendingStart += 1;
      pending = pending.subarray(1);
      resyncing = true;
      wantBytes = 0;
      continue;
    }
    const data = inflated!.buffer;
    const piece = emit({ kind: 'data', data, offset: out, segmentCompressedStart: pendingStart, segmentUncompressedStart: out, memberOffset: pendingStart, plain: false });
    if (piece !== null) yield piece;
    out += data.length;
    pendingStart += consumed + 8;
    pending = pending.subarray(consumed + 8);
    wantBytes = 0;
  }
}

/** Inflate everything from a member start to the end as one gunzip stream (for members too large to hold). */
async function* streamRest(
  head: Buffer,
  compressedStart: number,
  uncompressedStart: number,
  it: AsyncIterator<Buffer>,
  emit: (piece: InflatedPiece) => InflatedPiece | null,
): AsyncGenerator<InflatedPiece | InflateDamage> {
  async function* input(): AsyncGenerator<Buffer> {
    yield head;
    while (true) {
      const r = await it.next();
      if (r.done === true) return;
      yield r.value;
    }
  }
  const gunzip = Readable.from(input()).pipe(zlib.createGunzip());
  let offset = uncompressedStart;
  try {
    for await (const data of gunzip as AsyncIterable<Buffer>) {
      const piece = emit({ kind: 'data', data, offset, segmentCompressedStart: compressedStart, segmentUncompressedStart: uncompressedStart, memberOffset: compressedStart, plain: false });
      if (piece !== null) yield piece;
      offset += data.length;
    }
  } catch (err) {
    yield { kind: 'damage', compressedOffset: compressedStart, reason: `corrupt gzip stream (${(err as Error).message}); the rest of the file is unreadable` };
  }
}

function isMemberStart(b: Buffer, i: number): boolean {
  return b[i] === 0x1f && b[i + 1] === 0x8b && b[i + 2] === 0x08;
}

function findMemberStart(b: Buffer, from: number): number {
  let i = from;
  while (true) {
    i = b.indexOf(0x1f, i);
    if (i === -1 || i + 2 >= b.length) return i === -1 ? -1 : i + 2 >= b.length ? -1 : i;
    if (b[i + 1] === 0x8b && b[i + 2] === 0x08) return i;
    i++;
  }
}

/** Length of the gzip header at b[0] (RFC 1952 §2.3), or -1 when it is not all there yet. */
function gzipHeaderLength(b: Buffer): number {
  if (b.length < 10) return -1;
  const flags = b[3]!;
  let i = 10;
  if (flags & 4) {
    if (b.length < i + 2) return -1;
    i += 2 + b.readUInt16LE(i);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const end = b.indexOf(0, i);
      if (end === -1) return -1;
      i = end + 1;
    }
  }
  if (flags & 2) i += 2;
  return i > b.length ? -1 : i;
}
