import type { Store } from '../../store/index.js';
import { totalRecords } from '../warc/ingest-counts.js';
import { fileJobId } from './file-job-id.js';
import { ingestFileToStore } from './ingest-file-to-store.js';
import type { IngestToStoreOptions } from './ingest-file-to-store.js';
import type { IngestSink } from './start-ingest-worker.js';

/**
 * A worker sink that writes each file into `store` (see ingestFileToStore). Only for stores that
 * take several writers, unless this is the only worker: the DuckDB file has one owner.
 * @example startIngestWorker(connection, storeSink(store));
 */
export function storeSink(store: Store, options: Omit<IngestToStoreOptions, 'onProgress'> = {}): IngestSink {
  return async (data, progress) => {
    const counts = await ingestFileToStore(store, data.location, {
      ...options,
      onProgress: (bytes, size) => progress(size === null || size === 0 ? 0 : bytes / size),
    });
    return {
      location: data.location,
      fileId: fileJobId(data.location),
      records: totalRecords(counts),
      pages: counts.pages,
      links: counts.links,
      damaged: counts.damaged,
      files: [],
    };
  };
}
