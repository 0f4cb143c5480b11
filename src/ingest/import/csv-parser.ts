/**
 * A streaming CSV/TSV parser (RFC 4180 plus what real exports do). Text goes in as it arrives;
 * complete records come out with the line they start on. Memory is one record plus one chunk.
 *
 * - Any one-character delimiter (`,`, `\t`, `;`).
 * - Quoted fields may hold delimiters, `""` escapes and line breaks (the record keeps its start line,
 *   and line numbers keep counting inside it).
 * - Line ends: `\n`, `\r\n` or a lone `\r`. Blank lines are skipped.
 * - Lenient where exports are sloppy: text after a closing quote is kept (`"a"b` reads `ab`), and a
 *   quote inside an unquoted field is literal.
 * - A quoted field that never closes is reported at its line once the record passes
 *   `maxRecordChars` (or the input ends), and parsing restarts on the next line, so one stray quote
 *   costs one row, not the rest of the file.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export interface CsvIssue {
  line: number;
  message: string;
}

export interface CsvParserOptions {
  delimiter?: string;
  /** A record longer than this is reported as malformed (an unclosed quote, most likely). */
  maxRecordChars?: number;
}

export const CSV_PARSER_DEFAULTS = { delimiter: ',', maxRecordChars: 1_000_000 } satisfies Required<CsvParserOptions>;

const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvParser {
  private buf = '';
  /** Line number of buf[0]. */
  private line = 1;
  /** Dropping text up to the next line break (after a record too long to keep). */
  private skippingLine = false;
  private readonly delimiter: number;
  private readonly maxRecordChars: number;

  constructor(options: CsvParserOptions = {}) {
    const o = { ...CSV_PARSER_DEFAULTS, ...options };
    if (o.delimiter.length !== 1 || o.delimiter === '"' || o.delimiter === '\n' || o.delimiter === '\r') {
      throw new RangeError(`CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(o.delimiter)}`);
    }
    this.delimiter = o.delimiter.charCodeAt(0);
    this.maxRecordChars = o.maxRecordChars;
  }

  /** Parse more text; completed records are appended to `out`, problems to `issues`. */
  push(text: string, out: CsvRecord[], issues: CsvIssue[]): void {
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.parse(false, out, issues);
  }

  /** The input has ended: flush the last record. */
  end(out: CsvRecord[], issues: CsvIssue[]): void {
    this.parse(true, out, issues);
    this.buf = '';
  }

  private parse(final: boolean, out: CsvRecord[], issues: CsvIssue[]): void {
    const s = this.buf;
    const n = s.length;
    const d = this.delimiter;
    let i = 0;
    let line = this.line;
    if (this.skippingLine) {
      const next = nextLineStart(s, 0);
      if (next === -1) {
        this.buf = '';
        return;
      }
      this.skippingLine = false;
      i = next;
      line++;
    }
    while (i < n) {
      const c0 = s.charCodeAt(i);
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && i + 1 >= n && !final) break; // a \r\n may be split across chunks
        i += c0 === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      const recStart = i;
      const recLine = line;
      const fields: string[] = [];
      // Set when the record runs past the text we have: 'wait' for more, or 'broken' (unclosed quote).
      let incomplete: 'wait' | 'broken' | null = null;
      while (true) {
        let value: string;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          value = '';
          let j = i + 1;
          while (true) {
            const q = s.indexOf('"', j);
            if (q === -1 || (q + 1 >= n && !final)) {
              incomplete = final ? 'broken' : 'wait';
              break;
            }
            if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            value += s.slice(j, q);
            line += countLineBreaks(s, i, q);
            i = q + 1;
            break;
          }
          if (incomplete !== null) break;
          const k = fieldEnd(s, i, d);
          if (k === n && !final) {
            incomplete = 'wait';
            break;
          }
          if (k > i) value += s.slice(i, k);
          i = k;
        } else {
          const k = fieldEnd(s, i, d);
          if (k === n && !final) {
            incomplete = 'wait';
            break;
          }
          value = s.slice(i, k);
          i = k;
        }
        fields.push(value);
        if (i >= n) break;
        const c = s.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === CR && i + 1 >= n && !final) {
          incomplete = 'wait';
          break;
        }
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      if (incomplete === null) {
        out.push({ fields, line: recLine });
        continue;
      }
      if (incomplete === 'wait' && n - recStart <= this.maxRecordChars) {
        i = recStart;
        line = recLine;
        break;
      }
      issues.push({
        line: recLine,
        message: incomplete === 'broken' ? 'quoted field is never closed' : `record is longer than ${this.maxRecordChars} characters (a quote that never closes?)`,
      });
      // Start again on the line after the record's first line.
      const next = nextLineStart(s, recStart);
      line = recLine;
      if (next === -1) {
        i = n;
        this.skippingLine = !final;
        break;
      }
      i = next;
      line++;
    }
    this.buf = i >= n ? '' : s.slice(i);
    this.line = line;
  }
}

/** Index of the delimiter or line break that ends the field starting at `i`, or the end. */
function fieldEnd(s: string, i: number, d: number): number {
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
  }
  return n;
}

/** Index just after the first line break at or after `from`, or -1. */
function nextLineStart(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return -1;
}

/** Line breaks in s[from, to): `\r\n` counts once. */
function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
