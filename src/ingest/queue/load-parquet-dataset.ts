/**
 * `vouch ingest --parquet DIR`: load a Parquet dataset written by ingest workers into a store.
 *
 * Only committed files count: those listed by a manifest in DIR/_manifest (a file a killed worker
 * left half-renamed is listed by no manifest until its job ran again). Rows go through the store's
 * own writers (writePages, then writeLinks), file by file in path order, so first_seen, last_seen,
 * attributes and `new` events come out as `vouch ingest` of the same files in that order gives them.
 * Every write is an upsert, so loading a dataset twice, or two datasets that overlap, stores each
 * link once.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import type { ParquetManifest } from './ingest-file-to-parquet.js';
import { pageFromRow, PAGE_COLUMNS } from './internal/parquet-tables.js';
import { LINK_SELECT, streamLinkBatches } from './internal/stream-link-batches.js';
import { streamRowBatches } from './internal/stream-row-batches.js';

export interface LoadParquetOptions {
  /** Load only these crawls (`crawl=` partitions); null loads all. */
  crawls?: readonly string[] | null;
  batchLinks?: number;
  batchPages?: number;
  onProgress?: ((phase: 'pages' | 'links', done: number, total: number) => void) | null;
}

export const LOAD_PARQUET_DEFAULTS = { crawls: null, batchLinks: 50_000, batchPages: 10_000, onProgress: null } satisfies Required<LoadParquetOptions>;

export interface LoadParquetResult {
  /** Input files (manifests) loaded. */
  files: number;
  pages: number;
  links: number;
  /** Links new to the store, and links already there. */
  inserted: number;
  updated: number;
}

/** The manifests under `dir`, in file-id order. */
export async function readManifests(dir: string): Promise<ParquetManifest[]> {
  const manifestDir = path.join(dir, '_manifest');
  const names = await readdir(manifestDir).catch(() => {
    throw new ValidationError(`${dir}: not a Vouch Parquet dataset (no _manifest folder)`, [{ where: '--parquet', message: dir }], { code: 'INVALID_CONFIG' });
  });
  const out: ParquetManifest[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) out.push(JSON.parse(await readFile(path.join(manifestDir, name), 'utf8')) as ParquetManifest);
  return out;
}

/**
 * Load the dataset at `dir` into `store`.
 * @example const { links } = await loadParquetDataset(store, 'dataset');
 * @throws ValidationError (INVALID_CONFIG) when `dir` holds no manifest folder.
 */
export async function loadParquetDataset(store: Store, dir: string, options: LoadParquetOptions = {}): Promise<LoadParquetResult> {
  const o = { ...LOAD_PARQUET_DEFAULTS, ...options };
  // Files in path order, each whole before the next: the same writes, in the same order, as
  // `vouch ingest` of the files in that order, so ties (a WARC and its WAT saw a page at the same
  // second) resolve as they would there.
  const manifests = (await readManifests(dir))
    .filter((m) => o.crawls === null || o.crawls.includes(m.crawl))
    .sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
  const result: LoadParquetResult = { files: manifests.length, pages: 0, links: 0, inserted: 0, updated: 0 };
  const totals = { pages: manifests.reduce((a, m) => a + m.counts.pages, 0), links: manifests.reduce((a, m) => a + m.counts.links, 0) };
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // Every path comes from the manifests this process just read, and is quoted (read_parquet takes no parameter here).
    const source = (list: string[], select: string): string =>
      `SELECT ${select} FROM read_parquet([${list.map((f) => quote(path.join(dir, f))).join(', ')}], union_by_name = true)`;
    for (const m of manifests) {
      if (m.pages.length > 0) {
        await streamRowBatches(connection, source(m.pages, PAGE_COLUMNS.map(([c]) => c).join(', ')), o.batchPages, async (rows) => {
          await store.writePages(rows.map(pageFromRow));
          result.pages += rows.length;
          o.onProgress?.('pages', result.pages, totals.pages);
        });
      }
      if (m.links.length > 0) {
        await streamLinkBatches(connection, source(m.links, LINK_SELECT), o.batchLinks, async (rows) => {
          const written = await store.writeLinks(rows);
          result.links += rows.length;
          result.inserted += written.inserted;
          result.updated += written.updated;
          o.onProgress?.('links', result.links, totals.links);
        });
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return result;
}

function quote(file: string): string {
  return `'${file.replaceAll("'", "''")}'`;
}
