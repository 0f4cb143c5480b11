/**
 * One WARC/WAT file → its share of a hive-partitioned Parquet dataset:
 *
 *   OUT/links/crawl=<crawl>/bucket=<b>/<fileId>.parquet   links, bucketed by their destination domain
 *   OUT/pages/crawl=<crawl>/bucket=<b>/<fileId>.parquet   pages, bucketed by their own domain
 *   OUT/_manifest/<fileId>.json                           the commit record: files written, counts
 *
 * bucket = (first 4 bytes of MD5(domain), big-endian) mod `buckets`: any engine can compute it (DuckDB
 * `md5`, ClickHouse `MD5`), and all links to one target domain land in one bucket.
 *
 * Idempotent per file: records stream through an in-memory DuckDB (spilling to OUT/_tmp when over
 * its memory limit), are written under OUT/_tmp/<fileId>-<pid>-<n>/, and each file is renamed into
 * place (atomic on one file system) under a name that depends only on the input. The manifest is
 * renamed in last: a file with a manifest is complete. A retried file writes the same names again,
 * so it replaces its own output and never adds to it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { NonRetryableError, ValidationError } from '../../core/errors.js';
import { appendPageRow } from '../../store/index.js';
import { emptyIngestCounts, totalRecords } from '../warc/ingest-counts.js';
import type { IngestCounts } from '../warc/ingest-counts.js';
import { openByteSource } from '../warc/open-byte-source.js';
import { readArchive } from '../warc/read-archive.js';
import { tallyArchiveEvent } from '../warc/tally-archive-event.js';
import { CRAWL_NAME, fileIdentity, fileJobId } from './file-job-id.js';
import { appendLink, columnsSql, LINK_COLUMNS, PAGE_COLUMNS } from './internal/parquet-tables.js';

export interface IngestToParquetOptions {
  /** The dataset folder. */
  outDir: string;
  /** The `crawl=` partition. */
  crawl?: string;
  /** Buckets per crawl; every worker writing one dataset must use the same number. */
  buckets?: number;
  /** DuckDB memory limit for the staging tables (beyond it they spill to OUT/_tmp), e.g. `1GB`. */
  memoryLimit?: string;
  /** DuckDB threads (Parquet compression); one worker per core wants 1. */
  threads?: number;
  maxDamageReports?: number;
  onProgress?: ((bytesRead: number, size: number | null, counts: IngestCounts) => void) | null;
}

export const INGEST_TO_PARQUET_DEFAULTS = {
  outDir: '',
  crawl: 'default',
  buckets: 16,
  memoryLimit: '1GB',
  threads: 1,
  maxDamageReports: 20,
  onProgress: null,
} satisfies Required<IngestToParquetOptions>;

/** The commit record of one input file, at OUT/_manifest/<fileId>.json. */
export interface ParquetManifest {
  fileId: string;
  location: string;
  size: number | null;
  crawl: string;
  buckets: number;
  /** Files written, relative to the dataset folder. */
  links: string[];
  pages: string[];
  counts: IngestCounts;
  finishedAt: string;
}

/** Bucket SQL over a domain column; see the file header. */
export function bucketSql(column: string, buckets: number): string {
  return `(('0x' || substr(md5(${column}), 1, 8))::UBIGINT % ${buckets})::INTEGER`;
}

let tmpSerial = 0;

/**
 * Ingest one file into the dataset at `options.outDir`.
 * @example await ingestFileToParquet('CC-MAIN-2024-22/…warc.gz', { outDir: 'dataset', crawl: 'CC-MAIN-2024-22' });
 * @throws ValidationError (INVALID_CONFIG) for a missing file; NonRetryableError (INVALID_INPUT) for a
 *   file in which no WARC record can be read; open errors of URLs as openByteSource throws them.
 */
export async function ingestFileToParquet(location: string, options: IngestToParquetOptions): Promise<ParquetManifest> {
  const o = { ...INGEST_TO_PARQUET_DEFAULTS, ...options };
  if (!CRAWL_NAME.test(o.crawl)) throw new ValidationError(`crawl name "${o.crawl}" must use letters, digits, ".", "_" and "-"`, [{ where: 'crawl', message: o.crawl }], { code: 'INVALID_CONFIG' });
  if (!(Number.isInteger(o.buckets) && o.buckets >= 1 && o.buckets <= 65_536)) {
    throw new ValidationError(`buckets ${o.buckets} must be a whole number in 1…65536`, [{ where: '--buckets', message: String(o.buckets) }], { code: 'INVALID_CONFIG' });
  }
  const outDir = path.resolve(o.outDir);
  const fileId = fileJobId(location);
  const source = await openByteSource(location);
  const tmpDir = path.join(outDir, '_tmp', `${fileId}-${process.pid}-${++tmpSerial}-${randomBytes(3).toString('hex')}`);
  await mkdir(tmpDir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: o.memoryLimit, threads: String(o.threads), temp_directory: path.join(tmpDir, 'spill') });
  const connection = await instance.connect();
  try {
    const counts = emptyIngestCounts();
    await stage(connection, source.chunks, counts, o, source.size, (bytes) => o.onProgress?.(bytes, source.size, counts));
    if (totalRecords(counts) === 0 && counts.damaged > 0) {
      throw new NonRetryableError('INVALID_INPUT', `${location}: not a readable WARC or WAT file (${counts.damage[0]?.reason ?? 'damaged'})`);
    }
    const links = await copyPartitioned(connection, 'links', 'dst_domain', tmpDir, o.crawl, o.buckets);
    const pages = await copyPartitioned(connection, 'pages', 'domain', tmpDir, o.crawl, o.buckets);
    const manifest: ParquetManifest = {
      fileId,
      location: fileIdentity(location),
      size: source.size,
      crawl: o.crawl,
      buckets: o.buckets,
      links: await commit(tmpDir, outDir, links, fileId),
      pages: await commit(tmpDir, outDir, pages, fileId),
      counts,
      finishedAt: new Date().toISOString(),
    };
    const manifestDir = path.join(outDir, '_manifest');
    await mkdir(manifestDir, { recursive: true });
    const staged = path.join(tmpDir, 'manifest.json');
    await writeFile(staged, JSON.stringify(manifest, null, 1));
    await rename(staged, path.join(manifestDir, `${fileId}.json`));
    await removeStaleAttempts(path.dirname(tmpDir), fileId);
    return manifest;
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** Read the archive into the `links` and `pages` tables through Appenders. */
async function stage(
  connection: DuckDBConnection,
  chunks: AsyncIterable<Buffer>,
  counts: IngestCounts,
  o: Required<IngestToParquetOptions>,
  size: number | null,
  progress: (bytesRead: number) => void,
): Promise<void> {
  await connection.run(`CREATE TABLE links (${columnsSql(LINK_COLUMNS)})`);
  await connection.run(`CREATE TABLE pages (${columnsSql(PAGE_COLUMNS)})`);
  const linkAppender: DuckDBAppender = await connection.createAppender('links');
  const pageAppender: DuckDBAppender = await connection.createAppender('pages');
  let lastReport = 0;
  // Every 1% of the file, at most every 4 MiB: enough for a progress bar without a Redis write per member.
  const reportEvery = size === null ? 4 << 20 : Math.max(64 << 10, Math.min(4 << 20, Math.floor(size / 100)));
  try {
    async function* countBytes(): AsyncGenerator<Buffer> {
      for await (const chunk of chunks) {
        counts.bytesRead += chunk.length;
        yield chunk;
      }
    }
    for await (const events of readArchive(countBytes(), { tally: counts.watEntries })) {
      for (const e of events) {
        tallyArchiveEvent(counts, e, o.maxDamageReports);
        if (e.kind === 'damaged') continue;
        if (e.outcome.page !== null) appendPageRow(pageAppender, e.outcome.page);
        for (const l of e.outcome.links) appendLink(linkAppender, l);
      }
      if (counts.bytesRead - lastReport >= reportEvery) {
        lastReport = counts.bytesRead;
        progress(counts.bytesRead);
      }
    }
  } finally {
    linkAppender.closeSync();
    pageAppender.closeSync();
  }
  progress(counts.bytesRead);
}

/** COPY a table to tmpDir/<table>/crawl=…/bucket=…/*.parquet; returns the files, relative to tmpDir. */
async function copyPartitioned(connection: DuckDBConnection, table: 'links' | 'pages', domainColumn: string, tmpDir: string, crawl: string, buckets: number): Promise<string[]> {
  const target = path.join(tmpDir, table);
  // NOTE: COPY takes no parameters; the crawl name is checked against CRAWL_NAME and the path is quoted.
  const order = table === 'links' ? 'dst_domain, dst_url, src_url' : 'domain, url';
  await connection.run(`COPY (SELECT *, '${crawl}' AS crawl, ${bucketSql(domainColumn, buckets)} AS bucket FROM ${table} ORDER BY ${order})
    TO '${target.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (crawl, bucket), FILENAME_PATTERN 'part{i}')`);
  return listParquet(tmpDir, table);
}

async function listParquet(root: string, table: string): Promise<string[]> {
  const entries = await readdir(path.join(root, table), { recursive: true }).catch(() => [] as string[]);
  return entries.filter((e) => e.endsWith('.parquet')).map((e) => path.join(table, e)).sort();
}

/** Rename each staged file to <table>/crawl=…/bucket=…/<fileId>[-i].parquet in the dataset. */
async function commit(tmpDir: string, outDir: string, staged: string[], fileId: string): Promise<string[]> {
  const byPartition = new Map<string, string[]>();
  for (const file of staged) {
    const dir = path.dirname(file);
    byPartition.set(dir, [...(byPartition.get(dir) ?? []), file]);
  }
  const out: string[] = [];
  for (const [dir, files] of byPartition) {
    await mkdir(path.join(outDir, dir), { recursive: true });
    for (const [i, file] of files.entries()) {
      const final = path.join(dir, files.length === 1 ? `${fileId}.parquet` : `${fileId}-${i}.parquet`);
      await rename(path.join(tmpDir, file), path.join(outDir, final));
      out.push(final.split(path.sep).join('/'));
    }
  }
  return out.sort();
}

/**
 * Staging folders of earlier attempts at the same file (a worker killed mid-file leaves one). The
 * file is committed now, so any attempt still running elsewhere lost its lock and will be refused.
 */
async function removeStaleAttempts(tmpRoot: string, fileId: string): Promise<void> {
  const names = await readdir(tmpRoot).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(`${fileId}-`)).map((n) => rm(path.join(tmpRoot, n), { recursive: true, force: true })));
}
