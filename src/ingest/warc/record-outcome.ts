import type { LinkRecord, PageRecord } from '../../core/types.js';

/** Why a record gave no page. */
export type SkipReason =
  /** A record type that holds no page (request, warcinfo, metadata that is not a WAT, …). */
  | 'other-type'
  /** A response that is not HTML (image, PDF, …): its page row is written, no links are looked for. */
  | 'not-html'
  /** A revisit record (deduplicated capture): no payload. */
  | 'revisit'
  /** The target URI is not an http(s) URL (dns:, ftp:, …). */
  | 'not-http-url'
  /** The block is not an HTTP response, or the WAT JSON lacks the response fields. */
  | 'no-http-response'
  /** The payload's content encoding could not be undone. */
  | 'undecodable'
  /** The record was larger than maxRecordBytes and was passed over. */
  | 'too-large';

/** What one record gave. `page` is null when the record holds no page; `skip` says why no links were looked for. */
export interface RecordOutcome {
  page: PageRecord | null;
  links: LinkRecord[];
  skip: SkipReason | null;
  /** The page was parsed as HTML (its links were looked for). */
  html: boolean;
}

export const NO_PAGE = (skip: SkipReason): RecordOutcome => ({ page: null, links: [], skip, html: false });

/** A WARC-Date (ISO 8601, second or finer precision; WARC 1.0 allows `YYYY-MM-DDThh:mm:ssZ`). */
export function parseWarcDate(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** `<http://x/>` (WARC 1.0 writers) → `http://x/`. */
export function unwrapUri(text: string | undefined): string {
  const t = (text ?? '').trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t;
}
