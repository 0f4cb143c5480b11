/**
 * `vouch export`: a store table to a Parquet or CSV file, written by the database itself, so that
 * any size streams to the output without being parsed in JS:
 * - DuckDB with `COPY … TO`. The path cannot be a bound parameter in COPY; it goes in as a quoted
 *   SQL string literal.
 * - ClickHouse with `FORMAT Parquet` / `FORMAT CSVWithNames`: the server's bytes are piped to the
 *   file as they arrive.
 */
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ValidationError } from '../../core/errors.js';
import { ClickHouseStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';

export type ExportKind = 'links' | 'pages' | 'domains' | 'hosts';
export const EXPORT_KINDS: readonly ExportKind[] = ['links', 'pages', 'domains', 'hosts'];
export type ExportFormat = 'parquet' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['parquet', 'csv'];

/** The same rows on ClickHouse (whose links have no link_key), read through the FINAL views. */
const CLICKHOUSE_QUERIES: Record<ExportKind, string> = {
  links: `SELECT * FROM links ORDER BY id`,
  pages: `SELECT * FROM pages ORDER BY url`,
  domains: `SELECT * FROM domains ORDER BY domain`,
  hosts: `SELECT * FROM hosts ORDER BY host`,
};

const QUERIES: Record<ExportKind, string> = {
  // link_key is an internal 128-bit hash; id identifies a link in link_events.
  links: `SELECT * EXCLUDE (link_key) FROM links ORDER BY id`,
  pages: `SELECT * FROM pages ORDER BY url`,
  domains: `SELECT * FROM domains ORDER BY domain`,
  hosts: `SELECT * FROM hosts ORDER BY host`,
};

export interface ExportResult {
  kind: ExportKind;
  format: ExportFormat;
  /** Absolute path written, or '-' for standard output. */
  file: string;
  rows: number;
}

/** `'it''s'`: a SQL string literal. */
export function sqlStringLiteral(text: string): string {
  if (text.includes('\0')) throw new ValidationError('a path cannot contain a NUL byte', [{ where: 'path', message: 'NUL byte' }], { code: 'INVALID_CONFIG' });
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Write one table to `file` ('-': CSV to `stdout`). The parent directory is created.
 * @example await exportTable(store, 'links', 'parquet', 'out/links.parquet');
 * @throws ValidationError (INVALID_CONFIG) for Parquet to standard output or an output that is a directory.
 */
export async function exportTable(
  store: Store,
  kind: ExportKind,
  format: ExportFormat,
  file: string,
  options: { stdout?: NodeJS.WritableStream } = {},
): Promise<ExportResult> {
  if (file === '-') {
    if (format !== 'csv') throw new ValidationError('Parquet cannot go to standard output; give --out FILE', [{ where: '--out', message: '-' }], { code: 'INVALID_CONFIG' });
    if (store instanceof ClickHouseStore) return { kind, format, file: '-', rows: await clickHouseCopy(store, kind, format, options.stdout ?? process.stdout, false) };
    // DuckDB cannot open /dev/stdout when it is a socket (a piped child process): go through a temp file.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vouch-export-'));
    try {
      const temp = path.join(dir, `${kind}.csv`);
      const rows = await copyTo(store, kind, format, temp);
      await pipeline(createReadStream(temp), options.stdout ?? process.stdout, { end: false });
      return { kind, format, file: '-', rows };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const target = path.resolve(file);
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    mkdirSync(path.dirname(target), { recursive: true });
  }
  if (isDir) throw new ValidationError(`--out ${file} is a directory`, [{ where: '--out', message: file }], { code: 'INVALID_CONFIG' });
  if (store instanceof ClickHouseStore) return { kind, format, file: target, rows: await clickHouseCopy(store, kind, format, createWriteStream(target), true) };
  return { kind, format, file: target, rows: await copyTo(store, kind, format, target) };
}

/**
 * Pipe the server's Parquet or CSV bytes of one table into `out`. The row count is read first: rows
 * written during the export may make the file hold a few more than it says.
 */
async function clickHouseCopy(store: ClickHouseStore, kind: ExportKind, format: ExportFormat, out: NodeJS.WritableStream, end: boolean): Promise<number> {
  const count = await store.one<{ n: bigint | number }>(`SELECT count() AS n FROM ${kind}`);
  const result = await store.client.exec({
    query: `${CLICKHOUSE_QUERIES[kind]} FORMAT ${format === 'parquet' ? 'Parquet' : 'CSVWithNames'}`,
    clickhouse_settings: format === 'parquet' ? { output_format_parquet_compression_method: 'zstd' } : {},
  });
  await pipeline(result.stream, out, { end });
  return Number(count?.n ?? 0);
}

async function copyTo(store: Store, kind: ExportKind, format: ExportFormat, target: string): Promise<number> {
  const options = format === 'parquet' ? `(FORMAT parquet, COMPRESSION zstd)` : `(FORMAT csv, HEADER true)`;
  const rows = await store.all<{ Count: bigint | number }>(`COPY (${QUERIES[kind]}) TO ${sqlStringLiteral(target)} ${options}`);
  return Number(rows[0]?.Count ?? 0);
}
