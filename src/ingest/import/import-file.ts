/**
 * `vouch import`: stream a vendor's backlink export into the store.
 *
 * bytes → decodeText (BOM / UTF-16 / UTF-8 / Windows-1252) → sniffDelimiter → CsvParser →
 * detectVendor (header row) → createRowMapper → batches of `batchRows` LinkRecords → store.writeLinks,
 * which dedupes against what is stored and keeps the earliest first_seen. Links the export marks lost
 * are then marked lost (see markLinksLost). A row that cannot be read is reported as `file:line:
 * reason` and the rest of the file still imports. Memory: one batch plus one read chunk, whatever
 * the file's size.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { registrableDomain } from '../../core/registrable-domain.js';
import { ValidationError } from '../../core/errors.js';
import type { ValidationIssue } from '../../core/errors.js';
import type { ImportVendor, LinkRecord } from '../../core/types.js';
import type { Store } from '../../store/index.js';
import { markLinksLost } from '../internal/mark-links-lost.js';
import type { LostLink } from '../internal/mark-links-lost.js';
import { CsvParser } from './csv-parser.js';
import type { CsvIssue, CsvRecord } from './csv-parser.js';
import { decodeText } from './decode-text.js';
import type { TextEncodingName } from './decode-text.js';
import { detectVendor } from './detect-vendor.js';
import { createRowMapper } from './map-row.js';
import type { LinkDraft, MappedRow } from './map-row.js';
import type { DateOrder } from './parse-import-date.js';
import { sniffDelimiter } from './sniff-delimiter.js';
import type { CsvDelimiter } from './sniff-delimiter.js';

export interface ImportOptions {
  /** The vendor, or 'auto' to detect it from the header row. */
  vendor?: ImportVendor | 'auto';
  /** The page the links point at, for exports without a target column (Search Console). */
  target?: string | null;
  /** Override encoding detection. */
  encoding?: TextEncodingName | null;
  /** Override delimiter sniffing. */
  delimiter?: CsvDelimiter | null;
  /** How `a/b/yyyy` dates read (see DateOrder). */
  dateOrder?: DateOrder['order'];
  /** Links per store write. */
  batchRows?: number;
  /** Problems kept in the summary (all are counted). */
  maxIssues?: number;
  /** The time used when a row has no date at all; null for now. */
  now?: Date | null;
  /** Called after each batch is written. */
  onProgress?: ((progress: ImportProgress) => void) | null;
}

export const IMPORT_DEFAULTS = {
  vendor: 'auto',
  target: null,
  encoding: null,
  delimiter: null,
  dateOrder: 'auto',
  batchRows: 10_000,
  maxIssues: 100,
  now: null,
  onProgress: null,
} satisfies Required<ImportOptions>;

export interface ImportProgress {
  file: string;
  bytesRead: number;
  rows: number;
  batches: number;
}

export interface ImportSummary {
  file: string;
  vendor: ImportVendor;
  /** Which export layout the header matched. */
  layout: string;
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  /** Data rows read (the header excluded). */
  rows: number;
  /** Rows written as links. */
  imported: number;
  /** Rows that could not be read; each is in `issues` until maxIssues. */
  failed: number;
  inserted: number;
  updated: number;
  recovered: number;
  /** Links marked lost because the export says they are gone. */
  lost: number;
  batches: number;
  /** `file:line` and reason, in file order. */
  issues: ValidationIssue[];
}

/**
 * Import one vendor export file.
 * @example const summary = await importFile(store, 'ahrefs-backlinks.csv', { vendor: 'auto' });
 * @throws ValidationError when the header is not a known export (or not the `vendor` given), or a
 *   target-less export comes without `target`; row problems never throw.
 */
export async function importFile(store: Store, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const o = { ...IMPORT_DEFAULTS, ...options };
  const now = o.now ?? new Date();
  const progress: ImportProgress = { file, bytesRead: 0, rows: 0, batches: 0 };
  const summary: Omit<ImportSummary, 'vendor' | 'layout' | 'encoding' | 'delimiter'> = {
    file, rows: 0, imported: 0, failed: 0, inserted: 0, updated: 0, recovered: 0, lost: 0, batches: 0, issues: [],
  };
  const report = (line: number, message: string): void => {
    summary.failed++;
    if (summary.issues.length < o.maxIssues) summary.issues.push({ where: `${file}:${line}`, message });
  };

  async function* counted(): AsyncGenerator<Buffer> {
    // Opened on first read, after assertReadable, so a missing file never becomes an unhandled stream error.
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      progress.bytesRead += chunk.length;
      yield chunk;
    }
  }
  const decoded = decodeText(counted(), { encoding: o.encoding });

  let parser: CsvParser | null = null;
  let delimiter: CsvDelimiter = ',';
  let lineShift = 0;
  let head = '';
  let mapRow: ((fields: readonly string[]) => MappedRow) | null = null;
  let layout: { vendor: ImportVendor; name: string } | null = null;
  const records: CsvRecord[] = [];
  const csvIssues: CsvIssue[] = [];
  let batch: LinkRecord[] = [];
  let lostBatch: LostLink[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const written = await store.writeLinks(batch);
    summary.inserted += written.inserted;
    summary.updated += written.updated;
    summary.recovered += written.recovered;
    summary.imported += batch.length;
    summary.lost += await markLinksLost(store, lostBatch);
    batch = [];
    lostBatch = [];
    summary.batches++;
    progress.batches = summary.batches;
    progress.rows = summary.rows;
    o.onProgress?.(progress);
  };

  const take = async (): Promise<void> => {
    // CSV-level problems and records arrive in line order within one push; report problems first.
    for (const issue of csvIssues) report(issue.line + lineShift, issue.message);
    csvIssues.length = 0;
    for (const record of records) {
      const line = record.line + lineShift;
      if (mapRow === null) {
        const detected = detectVendor(record.fields, { vendor: o.vendor === 'auto' ? null : o.vendor, file });
        layout = { vendor: detected.spec.vendor, name: detected.spec.name };
        mapRow = createRowMapper(detected.spec, detected.headers, { target: o.target, dateOrder: { order: o.dateOrder } });
        continue;
      }
      summary.rows++;
      const mapped = mapRow(record.fields);
      if (mapped.error !== undefined) {
        report(line, mapped.error);
        continue;
      }
      const link = toLinkRecord(mapped.link, layout!.vendor, now);
      batch.push(link);
      if (mapped.link.lost) {
        lostBatch.push({
          srcUrl: link.srcUrl, dstUrl: link.dstUrl, dstDomain: link.dstDomain, kind: link.kind, anchor: link.anchor,
          lostAt: mapped.link.lostAt ?? link.lastSeen,
          reason: mapped.link.lostReason ?? `reported lost by ${layout!.vendor}`,
        });
      }
      if (batch.length >= o.batchRows) await flush();
    }
    records.length = 0;
  };

  const startParser = (text: string): CsvParser => {
    const sniffed = o.delimiter === null ? sniffDelimiter(text) : { delimiter: o.delimiter, sepLineChars: 0 };
    delimiter = sniffed.delimiter;
    lineShift = sniffed.sepLineChars > 0 ? 1 : 0;
    const created = new CsvParser({ delimiter });
    created.push(text.slice(sniffed.sepLineChars), records, csvIssues);
    return created;
  };
  await assertReadable(file);
  for await (const text of decoded.chunks) {
    if (parser === null) {
      head += text;
      // The header line must be whole before the delimiter is sniffed from it.
      if (!/[\r\n]/.test(head) && head.length < 1_000_000) continue;
      parser = startParser(head);
      head = '';
    } else parser.push(text, records, csvIssues);
    await take();
  }
  parser ??= startParser(head);
  parser.end(records, csvIssues);
  await take();
  const found = layout as { vendor: ImportVendor; name: string } | null;
  if (found === null) {
    // Not even a header: detectVendor explains what was expected.
    detectVendor([], { vendor: o.vendor === 'auto' ? null : o.vendor, file });
    throw new ValidationError(`${file}: empty file`, [{ where: file, message: 'empty file' }]);
  }
  await flush();
  summary.issues.sort((a, b) => lineOf(a.where) - lineOf(b.where));
  return { ...summary, vendor: found.vendor, layout: found.name, encoding: (await decoded.encoding).encoding, delimiter };
}

function lineOf(where: string): number {
  return Number(where.slice(where.lastIndexOf(':') + 1));
}

/** A missing or unreadable file is the caller's mistake (exit 2), found before anything is written. */
async function assertReadable(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((err as NodeJS.ErrnoException).code ?? 'cannot read');
    throw new ValidationError(`${file}: ${reason}`, [{ where: file, message: reason }], { code: 'INVALID_CONFIG', cause: err });
  }
}

function toLinkRecord(d: LinkDraft, vendor: ImportVendor, now: Date): LinkRecord {
  let firstSeen = d.firstSeen ?? d.lastSeen ?? now;
  let lastSeen = d.lastSeen ?? d.firstSeen ?? now;
  if (lastSeen < firstSeen) [firstSeen, lastSeen] = [lastSeen, firstSeen];
  return {
    srcUrl: d.srcUrl,
    dstUrl: d.dstUrl,
    srcHost: d.srcHost,
    srcDomain: registrableDomain(d.srcHost),
    dstHost: d.dstHost,
    dstDomain: registrableDomain(d.dstHost),
    kind: d.kind,
    anchor: d.anchor,
    nofollow: d.nofollow,
    ugc: d.ugc,
    sponsored: d.sponsored,
    metaNofollow: false,
    position: 'body',
    context: d.context,
    hidden: false,
    httpStatus: d.httpStatus,
    firstSeen,
    lastSeen,
    source: `import:${vendor}`,
  };
}
