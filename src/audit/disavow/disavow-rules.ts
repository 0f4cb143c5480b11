/**
 * Google's rules for a disavow file (Search Console help, "Disavow links to your site"), as numbers
 * the parser, validator and writer share.
 *
 * - UTF-8 or 7-bit ASCII text, one entry a line.
 * - `domain:example.com` disavows a whole domain: a bare host name, no scheme and no path, and an
 *   IDN written in punycode (`xn--…`).
 * - Any other entry is a URL, at most 2,048 characters.
 * - Lines starting with `#` are comments and are ignored.
 * - At most 100,000 lines, comments and blank lines included, and at most 2 MB.
 */

export const DISAVOW_MAX_LINES = 100_000;
/** "2 MB" read as 2,000,000 bytes, so a file we accept fits whether Google means MB or MiB. */
export const DISAVOW_MAX_BYTES = 2_000_000;
export const DISAVOW_MAX_URL_CHARS = 2048;

/** What a line of a disavow file is. */
export type DisavowLineType = 'blank' | 'comment' | 'domain' | 'url' | 'invalid';

export type DisavowEntryKind = 'domain' | 'url';

export interface DisavowEntry {
  kind: DisavowEntryKind;
  /** Lower-case punycode host for `domain`, the URL as written (trimmed) for `url`. */
  value: string;
}

/** Why a file or a line breaks a rule (`error`: Google rejects it) or deserves a look (`warning`). */
export type DisavowIssueCode =
  | 'encoding-utf16'
  | 'encoding-invalid-utf8'
  | 'bom'
  | 'too-many-lines'
  | 'too-large'
  | 'domain-empty'
  | 'domain-has-scheme'
  | 'domain-has-path'
  | 'domain-not-punycode'
  | 'domain-invalid'
  | 'url-too-long'
  | 'url-invalid'
  | 'url-not-http'
  | 'unrecognised'
  | 'duplicate';

export interface DisavowIssue {
  /** 1-based line number; 0 for the file as a whole. */
  line: number;
  severity: 'error' | 'warning';
  code: DisavowIssueCode;
  message: string;
}

export interface DisavowLine {
  line: number;
  /** The line as written, without its line break. */
  raw: string;
  type: DisavowLineType;
  entry?: DisavowEntry;
}

/** A host name: dot-separated LDH labels of 1–63 characters, 253 at most. */
export function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l) || /^xn--[a-z0-9-]{1,59}$/.test(l));
}
