/**
 * Read a disavow file the way Google does, and say what is wrong with it, line by line. Parsing
 * never stops at a bad line: every line is classified, every entry that can be read is kept, and
 * each broken rule is one issue with its line number (see disavow-rules.ts for the rules).
 *
 * Entries are normalised so that comparing two files compares what they disavow: `domain:` values
 * are lower-case punycode (an IDN is converted, and flagged, since Google wants punycode), URLs are
 * kept as written, trimmed.
 */
import { domainToASCII } from 'node:url';
import {
  DISAVOW_MAX_BYTES,
  DISAVOW_MAX_LINES,
  DISAVOW_MAX_URL_CHARS,
  isHostName,
  type DisavowEntry,
  type DisavowIssue,
  type DisavowLine,
} from './disavow-rules.js';

export interface ParsedDisavow {
  /** Every entry, in file order, duplicates dropped. */
  entries: DisavowEntry[];
  lines: DisavowLine[];
  issues: DisavowIssue[];
  /** How the bytes were read. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bytes: number;
  lineCount: number;
  domains: number;
  urls: number;
  /** No issue of severity error: Google accepts the file as it is. */
  valid: boolean;
}

/** The encoding of the bytes: a UTF-16 BOM, or NULs in every other byte of the start, mean UTF-16. */
function detectEncoding(bytes: Uint8Array): ParsedDisavow['encoding'] {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenNul++;
      if (bytes[i + 1] === 0) oddNul++;
    }
    if (oddNul > n / 4 && evenNul === 0) return 'utf-16le';
    if (evenNul > n / 4 && oddNul === 0) return 'utf-16be';
  }
  return 'utf-8';
}

function decode(bytes: Uint8Array, issues: DisavowIssue[]): { text: string; encoding: ParsedDisavow['encoding'] } {
  const encoding = detectEncoding(bytes);
  if (encoding !== 'utf-8') {
    issues.push({ line: 0, severity: 'error', code: 'encoding-utf16', message: `the file is ${encoding.toUpperCase()}; Google accepts only UTF-8 or 7-bit ASCII: save it as UTF-8` });
    const swapped = encoding === 'utf-16be' ? Buffer.from(bytes).swap16() : Buffer.from(bytes.subarray(0, bytes.length & ~1));
    return { text: new TextDecoder('utf-16le').decode(swapped).replace(/^\uFEFF/, ''), encoding };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    issues.push({ line: 1, severity: 'warning', code: 'bom', message: 'the file starts with a UTF-8 byte order mark; it is ignored, but some tools trip on it' });
  }
  return { text: new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes), encoding };
}

function parseDomain(rest: string, line: number, issues: DisavowIssue[]): DisavowEntry | null {
  let value = rest.trim();
  const err = (code: DisavowIssue['code'], message: string): null => {
    issues.push({ line, severity: 'error', code, message });
    return null;
  };
  if (value.length === 0) return err('domain-empty', 'domain: has no domain after it');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return err('domain-has-scheme', `domain: takes a bare domain, not a URL: ${JSON.stringify(value.slice(0, 100))}`);
  if (/[/?#]/.test(value)) return err('domain-has-path', `domain: takes no path: ${JSON.stringify(value.slice(0, 100))}; disavow the domain or list the URL`);
  value = value.replace(/\.$/, '');
  if (/[\u0080-\uFFFF]/.test(value)) {
    const ascii = domainToASCII(value);
    if (ascii === '' || !isHostName(ascii)) return err('domain-invalid', `not a valid domain name: ${JSON.stringify(value.slice(0, 100))}`);
    issues.push({ line, severity: 'error', code: 'domain-not-punycode', message: `internationalised domain must be written in punycode: domain:${ascii}` });
    return { kind: 'domain', value: ascii };
  }
  const lower = value.toLowerCase();
  if (!isHostName(lower)) return err('domain-invalid', `not a valid domain name: ${JSON.stringify(value.slice(0, 100))}`);
  return { kind: 'domain', value: lower };
}

function parseUrl(value: string, line: number, issues: DisavowIssue[]): DisavowEntry | null {
  if (!/^https?:\/\//i.test(value)) {
    const looksLikeDomain = isHostName(value.toLowerCase());
    issues.push({
      line,
      severity: 'error',
      code: looksLikeDomain ? 'url-not-http' : 'unrecognised',
      message: looksLikeDomain ? `a bare domain needs the domain: prefix: domain:${value.toLowerCase()}` : `neither a comment, a domain: line nor an http(s) URL: ${JSON.stringify(value.slice(0, 100))}`,
    });
    return null;
  }
  if (value.length > DISAVOW_MAX_URL_CHARS) {
    issues.push({ line, severity: 'error', code: 'url-too-long', message: `URL of ${value.length} characters; Google accepts at most ${DISAVOW_MAX_URL_CHARS}` });
    return null;
  }
  if (!URL.canParse(value) || /\s/.test(value)) {
    issues.push({ line, severity: 'error', code: 'url-invalid', message: `not a valid URL: ${JSON.stringify(value.slice(0, 100))}` });
    return null;
  }
  return { kind: 'url', value };
}

/**
 * Parse a disavow file (bytes, or text already decoded).
 * @example const { entries, issues } = parseDisavow(await readFile('disavow.txt'));
 */
export function parseDisavow(input: Uint8Array | string): ParsedDisavow {
  const issues: DisavowIssue[] = [];
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  let text: string;
  let encoding: ParsedDisavow['encoding'] = 'utf-8';
  if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
  else ({ text, encoding } = decode(input, issues));
  if (bytes > DISAVOW_MAX_BYTES) {
    issues.push({ line: 0, severity: 'error', code: 'too-large', message: `the file is ${bytes} bytes; Google accepts at most 2 MB (${DISAVOW_MAX_BYTES} bytes)` });
  }
  const rawLines = text.split('\n');
  if (rawLines.length > 0 && rawLines[rawLines.length - 1] === '') rawLines.pop();
  if (rawLines.length > DISAVOW_MAX_LINES) {
    issues.push({ line: DISAVOW_MAX_LINES + 1, severity: 'error', code: 'too-many-lines', message: `the file has ${rawLines.length} lines; Google accepts at most ${DISAVOW_MAX_LINES}, comments and blank lines included` });
  }
  const lines: DisavowLine[] = [];
  const entries: DisavowEntry[] = [];
  const seen = new Map<string, number>();
  let domains = 0;
  for (let i = 0; i < rawLines.length; i++) {
    const line = i + 1;
    const raw = rawLines[i]!.replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed.includes('\uFFFD')) {
      issues.push({ line, severity: 'error', code: 'encoding-invalid-utf8', message: 'bytes that are not valid UTF-8' });
    }
    if (trimmed.length === 0) {
      lines.push({ line, raw, type: 'blank' });
      continue;
    }
    if (trimmed.startsWith('#')) {
      lines.push({ line, raw, type: 'comment' });
      continue;
    }
    const entry = /^domain:/i.test(trimmed) ? parseDomain(trimmed.slice(7), line, issues) : parseUrl(trimmed, line, issues);
    if (entry === null) {
      lines.push({ line, raw, type: 'invalid' });
      continue;
    }
    lines.push({ line, raw, type: entry.kind, entry });
    const key = `${entry.kind}:${entry.value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ line, severity: 'warning', code: 'duplicate', message: `repeats line ${first}` });
      continue;
    }
    seen.set(key, line);
    entries.push(entry);
    if (entry.kind === 'domain') domains++;
  }
  issues.sort((a, b) => a.line - b.line);
  return {
    entries,
    lines,
    issues,
    encoding,
    bytes,
    lineCount: rawLines.length,
    domains,
    urls: entries.length - domains,
    valid: !issues.some((x) => x.severity === 'error'),
  };
}
