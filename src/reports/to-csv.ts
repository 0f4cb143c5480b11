import type { ReportColumn } from './types.js';

export interface ToCsvOptions {
  /** Write the header record first. */
  header?: boolean;
  /** Start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8. */
  bom?: boolean;
}

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = value.join('|');
  else text = String(value);
  // A leading = + - @ (or tab/CR) would run as a formula in a spreadsheet: defuse it.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break),
 * one record per row with the given columns. Call it once per batch to stream: the header and BOM
 * only on the first. Dates are ISO 8601 UTC; lists are joined with `|`.
 */
export function toCsv<Row>(rows: readonly Row[], columns: readonly ReportColumn<Row>[], options: ToCsvOptions = {}): string {
  let out = options.bom ? '\uFEFF' : '';
  if (options.header ?? true) out += columns.map((c) => field(c.key)).join(',') + '\r\n';
  for (const row of rows) out += columns.map((c) => field(row[c.key])).join(',') + '\r\n';
  return out;
}
