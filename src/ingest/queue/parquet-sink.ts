import { fileJobId } from './file-job-id.js';
import { ingestFileToParquet } from './ingest-file-to-parquet.js';
import type { IngestToParquetOptions } from './ingest-file-to-parquet.js';
import type { IngestSink } from './start-ingest-worker.js';
import { totalRecords } from '../warc/ingest-counts.js';

/**
 * A worker sink that writes each file's share of the Parquet dataset at `options.outDir` (see
 * ingestFileToParquet); the job's `crawl` picks the partition.
 * @example startIngestWorker(connection, parquetSink({ outDir: 'dataset', buckets: 64 }));
 */
export function parquetSink(options: Omit<IngestToParquetOptions, 'crawl' | 'onProgress'>): IngestSink {
  return async (data, progress) => {
    const manifest = await ingestFileToParquet(data.location, {
      ...options,
      crawl: data.crawl,
      onProgress: (bytes, size) => progress(size === null || size === 0 ? 0 : bytes / size),
    });
    const { counts } = manifest;
    return {
      location: data.location,
      fileId: fileJobId(data.location),
      records: totalRecords(counts),
      pages: counts.pages,
      links: counts.links,
      damaged: counts.damaged,
      files: [...manifest.links, ...manifest.pages],
    };
  };
}
