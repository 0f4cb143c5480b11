/**
 * One WARC/WAT file into a store through the Store port (writePages, writeLinks), in batches: for a
 * queue worker writing to a store that takes several writers (a ClickHouse cluster). Every write is
 * an upsert keyed by page URL and link key, so a retried file changes nothing it wrote before; there
 * is no resume point, a retry reads the file again. (`vouch ingest FILE` into the DuckDB store, which
 * has one owner, uses ingestArchive and its resumable jobs instead.)
 */
import { NonRetryableError } from '../../core/errors.js';
import type { LinkRecord, PageRecord } from '../../core/types.js';
import type { Store } from '../../store/index.js';
import { emptyIngestCounts, totalRecords } from '../warc/ingest-counts.js';
import type { IngestCounts } from '../warc/ingest-counts.js';
import { openByteSource } from '../warc/open-byte-source.js';
import { readArchive } from '../warc/read-archive.js';
import { tallyArchiveEvent } from '../warc/tally-archive-event.js';

export interface IngestToStoreOptions {
  batchLinks?: number;
  batchPages?: number;
  maxDamageReports?: number;
  onProgress?: ((bytesRead: number, size: number | null, counts: IngestCounts) => void) | null;
}

export const INGEST_TO_STORE_DEFAULTS = { batchLinks: 10_000, batchPages: 2_000, maxDamageReports: 20, onProgress: null } satisfies Required<IngestToStoreOptions>;

/**
 * Ingest one file into `store`; returns the counts (inserted/updated as writeLinks reported them).
 * @throws as ingestFileToParquet: INVALID_CONFIG for a missing file, INVALID_INPUT for an unreadable one.
 */
export async function ingestFileToStore(store: Store, location: string, options: IngestToStoreOptions = {}): Promise<IngestCounts> {
  const o = { ...INGEST_TO_STORE_DEFAULTS, ...options };
  const source = await openByteSource(location);
  const counts = emptyIngestCounts();
  let pages: PageRecord[] = [];
  let links: LinkRecord[] = [];
  const flush = async (): Promise<void> => {
    if (pages.length > 0) await store.writePages(pages);
    if (links.length > 0) {
      const written = await store.writeLinks(links);
      counts.inserted += written.inserted;
      counts.updated += written.updated;
    }
    pages = [];
    links = [];
    o.onProgress?.(counts.bytesRead, source.size, counts);
  };
  async function* countBytes(): AsyncGenerator<Buffer> {
    for await (const chunk of source.chunks) {
      counts.bytesRead += chunk.length;
      yield chunk;
    }
  }
  for await (const events of readArchive(countBytes(), { tally: counts.watEntries })) {
    for (const e of events) {
      tallyArchiveEvent(counts, e, o.maxDamageReports);
      if (e.kind === 'damaged') continue;
      if (e.outcome.page !== null) pages.push(e.outcome.page);
      for (const l of e.outcome.links) links.push(l);
    }
    if (links.length >= o.batchLinks || pages.length >= o.batchPages) await flush();
  }
  if (totalRecords(counts) === 0 && counts.damaged > 0) {
    throw new NonRetryableError('INVALID_INPUT', `${location}: not a readable WARC or WAT file (${counts.damage[0]?.reason ?? 'damaged'})`);
  }
  await flush();
  return counts;
}
