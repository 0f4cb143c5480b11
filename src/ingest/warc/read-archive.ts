/**
 * Bytes of a WARC or WAT file (plain or gzip) → one event per record: the record with the page and
 * links it gives, or a damage report. WARC `response` records go through the extractor
 * (responseRecordToPage); WAT `metadata` records that describe a response through watRecordToPage;
 * other records are counted by type and give nothing. No store here: the ingest and the benchmark
 * both read through this.
 */
import { inflateMembers, INFLATE_DEFAULTS } from './inflate-members.js';
import type { ResumePoint } from './inflate-members.js';
import type { DamageReport } from './ingest-counts.js';
import { NO_PAGE } from './record-outcome.js';
import type { RecordOutcome } from './record-outcome.js';
import { responseRecordToPage } from './response-record-to-page.js';
import { WarcRecordReader, WARC_READER_DEFAULTS } from './warc-record-reader.js';
import type { WarcReadEvent, WarcRecord } from './warc-record-reader.js';
import { watEnvelopeType, watRecordToPage } from './wat-record-to-page.js';
import type { WatLinkTally } from './wat-record-to-page.js';

export type ArchiveEvent =
  | {
      kind: 'record';
      record: WarcRecord;
      outcome: RecordOutcome;
      /** For WAT records: the type of the WARC record described. */
      describes: string | null;
    }
  | { kind: 'damaged'; report: DamageReport };

export interface ReadArchiveOptions {
  /** Where the bytes start (resume); the chunks must begin at its compressedOffset. */
  start?: ResumePoint | null;
  maxRecordBytes?: number;
  /** Members larger than this are inflated as a stream. */
  maxMemberBytes?: number;
  /** WAT link entries not stored are counted here (null: not kept). */
  tally?: WatLinkTally | null;
}

export const READ_ARCHIVE_DEFAULTS = {
  start: null,
  maxRecordBytes: WARC_READER_DEFAULTS.maxRecordBytes,
  maxMemberBytes: INFLATE_DEFAULTS.maxMemberBytes,
  tally: null,
} satisfies Required<ReadArchiveOptions>;

/**
 * Read an archive; each yielded array holds the events of one decoded piece (a gzip member, or a
 * read chunk of a plain file), in file order.
 * @example for await (const events of readArchive(source.chunks)) for (const e of events) …
 */
export async function* readArchive(chunks: AsyncIterable<Buffer>, options: ReadArchiveOptions = {}): AsyncGenerator<ArchiveEvent[]> {
  const o = { ...READ_ARCHIVE_DEFAULTS, ...options };
  const tally = o.tally ?? { images: 0, forms: 0, unusable: 0, other: 0 };
  const reader = new WarcRecordReader({ maxRecordBytes: o.maxRecordBytes });
  const raw: WarcReadEvent[] = [];
  for await (const piece of inflateMembers(chunks, { start: o.start, maxMemberBytes: o.maxMemberBytes })) {
    const events: ArchiveEvent[] = [];
    if (piece.kind === 'damage') {
      events.push({ kind: 'damaged', report: { offset: piece.compressedOffset, recordOffset: null, reason: piece.reason } });
      reader.gap(raw);
    } else reader.push(piece, raw);
    convert(raw, events, tally);
    if (events.length > 0) yield events;
  }
  reader.end(raw);
  const events: ArchiveEvent[] = [];
  convert(raw, events, tally);
  if (events.length > 0) yield events;
}

function convert(raw: WarcReadEvent[], events: ArchiveEvent[], tally: WatLinkTally): void {
  for (const e of raw) {
    if (e.kind === 'damaged') {
      events.push({ kind: 'damaged', report: { offset: e.memberOffset ?? e.offset, recordOffset: e.offset, reason: e.reason } });
      continue;
    }
    let describes: string | null = null;
    let outcome: RecordOutcome;
    switch (e.type) {
      case 'response':
        outcome = responseRecordToPage(e);
        break;
      case 'revisit':
        outcome = NO_PAGE('revisit');
        break;
      case 'metadata':
        if (e.body !== null && (e.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) describes = watEnvelopeType(e.body);
        if (describes !== 'response') {
          outcome = NO_PAGE('other-type');
          break;
        }
        try {
          outcome = watRecordToPage(e, tally);
        } catch (err) {
          events.push({ kind: 'damaged', report: { offset: e.memberOffset ?? e.offset, recordOffset: e.offset, reason: `WAT JSON does not parse (${(err as Error).message.slice(0, 80)})` } });
          // The record itself was read whole: later records are unaffected, and it still counts by type.
          outcome = NO_PAGE('no-http-response');
        }
        break;
      default:
        outcome = NO_PAGE('other-type');
    }
    events.push({ kind: 'record', record: e, outcome, describes });
  }
  raw.length = 0;
}
