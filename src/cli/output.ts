import Table from 'cli-table3';
import pc from 'picocolors';
import { toCsv as reportsCsv } from '../reports/to-csv.js';

/** A column of a report: the key in each row and the header shown. */
export interface Column<Row> {
  key: keyof Row & string;
  header: string;
  /** Right-align numbers in the table. */
  align?: 'left' | 'right';
  format?: (value: Row[keyof Row], row: Row) => string;
}

export type OutputFormat = 'table' | 'json' | 'csv';

export function formatOf(options: { json?: boolean; csv?: boolean }): OutputFormat {
  if (options.json) return 'json';
  if (options.csv) return 'csv';
  return 'table';
}

/** RFC 4180 CSV (CRLF, quoted where needed, spreadsheet formulas defused): the reports' own writer. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  return reportsCsv(rows, columns);
}

/** JSON that survives bigint and Date. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n';
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return pc.dim('-');
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function toTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const table = new Table({
    head: columns.map((c) => pc.bold(c.header)),
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) table.push(columns.map((c) => (c.format ? c.format(row[c.key], row) : cell(row[c.key]))));
  return table.toString() + '\n';
}

/**
 * Print a report the way the user asked: a table on the terminal, `--json` for scripts, `--csv` for spreadsheets.
 * JSON gets the whole `payload` (rows plus totals and notes); table and CSV get the rows.
 */
export function printReport<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  options: { format: OutputFormat; payload?: unknown; out?: NodeJS.WritableStream },
): void {
  const out = options.out ?? process.stdout;
  if (options.format === 'json') out.write(toJson(options.payload ?? rows));
  else if (options.format === 'csv') out.write(toCsv(rows, columns));
  else out.write(toTable(rows, columns));
}
