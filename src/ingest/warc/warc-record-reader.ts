/**
 * Uncompressed WARC bytes → records (ISO 28500: `WARC/1.x` line, named fields, blank line, a block
 * of Content-Length bytes, then CRLF CRLF). Push-based and synchronous, so the caller decides when
 * to await the store.
 *
 * Damage handling, so that one bad record costs only itself:
 * - A header that is not `WARC/x.y` + fields + a numeric Content-Length, or bytes between records that
 *   are not line breaks, are reported at their offset and skipped up to the next `WARC/1.`.
 * - A record is only released once the next record's header has parsed (or the input ends). If the
 *   bytes after its block are not a record header, its Content-Length was too large (the record was
 *   cut short): when its block contains a line starting `WARC/1.`, the record is reported damaged and
 *   reading starts again at that line, so the records it swallowed are not lost.
 * - `gap()` marks a hole in the data (a damaged gzip member): the record in progress is reported and
 *   reading resumes at the next `WARC/`.
 * Blocks above `maxRecordBytes` are passed over without being held (body null).
 */
import { resumePointIn } from './inflate-members.js';
import type { InflatedPiece, ResumePoint } from './inflate-members.js';

export interface WarcRecord {
  kind: 'record';
  /** Uncompressed offset of the record's `WARC/` line. */
  offset: number;
  /** Compressed offset of the gzip member where the record starts; null for plain files. */
  memberOffset: number | null;
  /** Header fields by lower-case name (the first of repeated fields). */
  headers: Record<string, string>;
  /** Lower-case WARC-Type. */
  type: string;
  contentLength: number;
  /** The record block; null when it was larger than maxRecordBytes and passed over. */
  body: Buffer | null;
  /** Where reading can restart to get the records after this one; null when not known. */
  next: ResumePoint | null;
}

export interface WarcDamage {
  kind: 'damaged';
  offset: number;
  memberOffset: number | null;
  reason: string;
}

export type WarcReadEvent = WarcRecord | WarcDamage;

export interface WarcReaderOptions {
  maxRecordBytes?: number;
  maxHeaderBytes?: number;
}

export const WARC_READER_DEFAULTS = { maxRecordBytes: 16 * 1024 * 1024, maxHeaderBytes: 64 * 1024 } satisfies Required<WarcReaderOptions>;

const CR = 13;
const LF = 10;
const MAGIC = Buffer.from('WARC/');
const VERSION_MAGIC = Buffer.from('WARC/1.');
const MAX_TRAILER_BYTES = 1024;

type State = 'seek' | 'header' | 'body' | 'resync';

interface Held {
  record: WarcRecord;
  bodyOffset: number;
  /** Line-break bytes after the block, kept for re-reading. */
  trailer: number[];
}

export class WarcRecordReader {
  private readonly o: Required<WarcReaderOptions>;
  private state: State = 'seek';
  private held: Held | null = null;
  // The record being read.
  private start = 0;
  private startMember: number | null = null;
  private startResume: ResumePoint | null = null;
  private headerBuf: Buffer = Buffer.alloc(0);
  private headers: Record<string, string> = {};
  private contentLength = 0;
  private remaining = 0;
  private bodyParts: Buffer[] = [];
  private bodyOffset = 0;
  /** Last bytes seen while resyncing, so a magic split across pieces is found. */
  private resyncTail: Buffer = Buffer.alloc(0);
  /** Re-reading bytes of an earlier piece: resume points are unknown there. */
  private replaying = false;

  constructor(options: WarcReaderOptions = {}) {
    this.o = { ...WARC_READER_DEFAULTS, ...options };
  }

  /** Read the next piece of uncompressed data; events are appended to `out` in file order. */
  push(piece: InflatedPiece, out: WarcReadEvent[]): void {
    this.feed(piece.data, piece.offset, piece, out);
  }

  /** The data has a hole here (damage already reported by the decoder). */
  gap(out: WarcReadEvent[]): void {
    this.releaseHeld(out, null);
    if (this.state === 'header' || this.state === 'body') {
      this.damage(out, this.start, this.startMember, `record cut off by damaged data after ${this.state === 'body' ? `${this.contentLength - this.remaining} of ${this.contentLength} block bytes` : 'part of its header'}`);
    }
    this.resetRecord();
    this.state = 'resync';
    this.resyncTail = Buffer.alloc(0);
  }

  /** The input has ended. */
  end(out: WarcReadEvent[]): void {
    if (this.state === 'body' && this.bodyParts.length > 0) {
      const body = Buffer.concat(this.bodyParts);
      const reason = `record truncated: ${body.length} of ${this.contentLength} block bytes`;
      const start = this.start;
      const member = this.startMember;
      this.releaseHeld(out, this.startResume);
      this.resetRecord();
      this.state = 'seek';
      if (this.recover(body, this.bodyOffset, [], start, member, reason, out)) {
        this.end(out);
        return;
      }
      this.damage(out, start, member, reason);
    } else if (this.state === 'body' || (this.state === 'header' && this.headerBuf.some((b) => b !== CR && b !== LF))) {
      this.releaseHeld(out, this.startResume);
      this.damage(out, this.start, this.startMember, this.state === 'body' ? `record truncated: 0 of ${this.contentLength} block bytes` : 'record header truncated');
    }
    this.releaseHeld(out, null);
    this.resetRecord();
    this.state = 'seek';
  }

  private feed(data: Buffer, offset: number, piece: InflatedPiece | null, out: WarcReadEvent[]): void {
    let i = 0;
    const n = data.length;
    while (i < n) {
      switch (this.state) {
        case 'seek': {
          const c = data[i]!;
          if (c === CR || c === LF) {
            if (this.held !== null && this.held.trailer.length < MAX_TRAILER_BYTES) this.held.trailer.push(c);
            i++;
            break;
          }
          this.start = offset + i;
          this.startMember = piece?.memberOffset ?? null;
          this.startResume = piece !== null && !this.replaying ? resumePointIn(piece, offset + i) : null;
          this.headerBuf = Buffer.alloc(0);
          this.state = 'header';
          break;
        }
        case 'header': {
          const before = this.headerBuf.length;
          const take = data.subarray(i, Math.min(n, i + this.o.maxHeaderBytes + 4 - before));
          this.headerBuf = before === 0 ? take : Buffer.concat([this.headerBuf, take]);
          const end = headerEnd(this.headerBuf, Math.max(0, before - 3));
          if (end === null) {
            i += take.length;
            const bad = this.headerBuf.length > this.o.maxHeaderBytes ? `no end of header within ${this.o.maxHeaderBytes} bytes` : startsLikeWarc(this.headerBuf) ? null : 'not a WARC record header';
            if (bad !== null && this.badHeader(out, bad, data, i, offset, piece)) return;
            break;
          }
          i += end.bodyStart - before;
          const parsed = parseWarcHeader(this.headerBuf.subarray(0, end.headerEnd));
          if (typeof parsed === 'string') {
            // The bytes after the blank line are not consumed yet: keep only what was.
            this.headerBuf = this.headerBuf.subarray(0, end.bodyStart);
            if (this.badHeader(out, parsed, data, i, offset, piece)) return;
            break;
          }
          this.releaseHeld(out, this.startResume);
          this.headers = parsed.headers;
          this.contentLength = parsed.contentLength;
          this.remaining = parsed.contentLength;
          this.bodyParts = [];
          this.bodyOffset = offset + i;
          this.headerBuf = Buffer.alloc(0);
          this.state = 'body';
          if (this.remaining === 0) this.finishBody();
          break;
        }
        case 'body': {
          const take = Math.min(this.remaining, n - i);
          if (this.contentLength <= this.o.maxRecordBytes) this.bodyParts.push(data.subarray(i, i + take));
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) this.finishBody();
          break;
        }
        case 'resync': {
          const joined = this.resyncTail.length === 0 ? data.subarray(i) : Buffer.concat([this.resyncTail, data.subarray(i)]);
          const found = joined.indexOf(MAGIC);
          if (found === -1) {
            this.resyncTail = Buffer.from(joined.subarray(Math.max(0, joined.length - (MAGIC.length - 1))));
            i = n;
            break;
          }
          const carried = this.resyncTail.length;
          this.resyncTail = Buffer.alloc(0);
          this.state = 'seek';
          if (found < carried) {
            // The magic began in the previous piece: replay its first bytes, then go on here.
            this.replayWith(joined.subarray(found, carried), offset - (carried - found), out);
          } else i += found - carried;
          break;
        }
      }
    }
  }

  private replayWith(bytes: Buffer, offset: number, out: WarcReadEvent[]): void {
    const was = this.replaying;
    this.replaying = true;
    this.feed(bytes, offset, null, out);
    this.replaying = was;
  }

  private finishBody(): void {
    const body = this.contentLength > this.o.maxRecordBytes ? null : this.bodyParts.length === 1 ? this.bodyParts[0]! : Buffer.concat(this.bodyParts);
    this.held = {
      record: {
        kind: 'record',
        offset: this.start,
        memberOffset: this.startMember,
        headers: this.headers,
        type: (this.headers['warc-type'] ?? '').toLowerCase(),
        contentLength: this.contentLength,
        body,
        next: null,
      },
      bodyOffset: this.bodyOffset,
      trailer: [],
    };
    this.bodyParts = [];
    this.state = 'seek';
  }

  /**
   * The bytes at the current record start are not a header. Either the held record was shorter than
   * its Content-Length (find the next header inside its block and read on from there), or these are
   * stray bytes (report them and skip to the next `WARC/`).
   * @returns true when the rest of `data` (from `i`) has been read already.
   */
  private badHeader(out: WarcReadEvent[], reason: string, data: Buffer, i: number, offset: number, piece: InflatedPiece | null): boolean {
    const headerBytes = this.headerBuf;
    const start = this.start;
    const member = this.startMember;
    this.headerBuf = Buffer.alloc(0);
    const held = this.held;
    if (held !== null && held.record.body !== null) {
      this.held = null;
      const tail = [Buffer.from(held.trailer), headerBytes];
      if (this.recover(held.record.body, held.bodyOffset, tail, held.record.offset, held.record.memberOffset, 'record is shorter than its Content-Length', out)) {
        // Everything up to `i` has been re-read; continue with the rest of this piece.
        this.feed(data.subarray(i), offset + i, piece, out);
        return true;
      }
      this.held = held;
    }
    this.releaseHeld(out, null);
    this.damage(out, start, member, `${reason}; skipped to the next record`);
    this.state = 'resync';
    // Search again from the byte after the bad start.
    this.resyncTail = Buffer.alloc(0);
    this.replayWith(headerBytes.subarray(1), start + 1, out);
    return false;
  }

  /** Look for a record header at a line start inside `body`; if found, report `reason` and re-read from there. */
  private recover(body: Buffer, bodyOffset: number, tail: Buffer[], offset: number, member: number | null, reason: string, out: WarcReadEvent[]): boolean {
    let p = body.indexOf(VERSION_MAGIC, 1);
    while (p !== -1 && body[p - 1] !== LF) p = body.indexOf(VERSION_MAGIC, p + 1);
    if (p === -1) return false;
    this.damage(out, offset, member, `${reason}: a record header starts inside its block at offset ${bodyOffset + p}`);
    this.state = 'seek';
    this.replayWith(Buffer.concat([body.subarray(p), ...tail]), bodyOffset + p, out);
    return true;
  }

  private releaseHeld(out: WarcReadEvent[], next: ResumePoint | null): void {
    if (this.held === null) return;
    this.held.record.next = next;
    out.push(this.held.record);
    this.held = null;
  }

  private damage(out: WarcReadEvent[], offset: number, memberOffset: number | null, reason: string): void {
    out.push({ kind: 'damaged', offset, memberOffset, reason });
  }

  private resetRecord(): void {
    this.headerBuf = Buffer.alloc(0);
    this.bodyParts = [];
    this.remaining = 0;
  }
}

/** Index just past the blank line ending a header (`\r\n\r\n`, or a bare `\n\n`), or null. */
function headerEnd(b: Buffer, from: number): { headerEnd: number; bodyStart: number } | null {
  for (let i = b.indexOf(LF, from); i !== -1; i = b.indexOf(LF, i + 1)) {
    if (b[i + 1] === LF) return { headerEnd: i, bodyStart: i + 2 };
    if (b[i + 1] === CR && b[i + 2] === LF) return { headerEnd: i, bodyStart: i + 3 };
  }
  return null;
}

/** Could these first bytes still become `WARC/`? */
function startsLikeWarc(b: Buffer): boolean {
  const n = Math.min(b.length, MAGIC.length);
  return b.subarray(0, n).equals(MAGIC.subarray(0, n));
}

/** Parse a header block (without its blank line). Returns the reason it is not a WARC header as a string. */
export function parseWarcHeader(block: Buffer): { headers: Record<string, string>; contentLength: number } | string {
  const lines = block.toString('latin1').split(/\r?\n/);
  if (!/^WARC\/\d+\.\d+\s*$/.test(lines[0] ?? '')) return 'not a WARC record header';
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  let last: string | null = null;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      headers[last] += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return `malformed header line ${JSON.stringify(line.slice(0, 60))}`;
    const name = line.slice(0, colon).trim().toLowerCase();
    last = name;
    if (headers[name] === undefined) headers[name] = line.slice(colon + 1).trim();
  }
  const length = headers['content-length'];
  if (length === undefined || !/^\d+$/.test(length)) return 'missing or invalid Content-Length';
  return { headers, contentLength: Number(length) };
}
