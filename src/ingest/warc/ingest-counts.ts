import type { SkipReason } from './record-outcome.js';
import type { WatLinkTally } from './wat-record-to-page.js';

/** One damaged stretch of an input file. */
export interface DamageReport {
  /** Compressed offset (the gzip member, or the byte in a plain file) where the damage was found. */
  offset: number;
  /** Uncompressed offset of the damaged record, when the damage is inside the WARC data. */
  recordOffset: number | null;
  reason: string;
}

/** Everything an ingest counted; kept in the job's progress so a resumed run reports whole-file totals. */
export interface IngestCounts {
  /** Compressed bytes read (resumed runs count from their resume point). */
  bytesRead: number;
  /** Records by WARC-Type (`response`, `request`, `metadata`, …). */
  records: Record<string, number>;
  /** WAT records by the type of the WARC record they describe. */
  watRecords: Record<string, number>;
  /** Page rows written. */
  pages: number;
  /** Pages parsed as HTML (their links were extracted). */
  htmlPages: number;
  /** Uncompressed bytes of the HTML payloads parsed (WARC responses). */
  htmlBytes: number;
  /** Link rows written (before the store's dedupe). */
  links: number;
  /** Records that gave no links, by why. */
  skipped: Partial<Record<SkipReason, number>>;
  /** WAT link entries that were not stored, by what they were. */
  watEntries: WatLinkTally;
  /** Damaged records or gzip members. */
  damaged: number;
  /** The first damage reports, in file order. */
  damage: DamageReport[];
  /** Links new to the store, and links already there, as writeLinks reported them. */
  inserted: number;
  updated: number;
}

export function emptyIngestCounts(): IngestCounts {
  return {
    bytesRead: 0,
    records: {},
    watRecords: {},
    pages: 0,
    htmlPages: 0,
    htmlBytes: 0,
    links: 0,
    skipped: {},
    watEntries: { images: 0, forms: 0, unusable: 0, other: 0 },
    damaged: 0,
    damage: [],
    inserted: 0,
    updated: 0,
  };
}

/** Records in all, summed over types. */
export function totalRecords(counts: IngestCounts): number {
  return Object.values(counts.records).reduce((a, b) => a + b, 0);
}
