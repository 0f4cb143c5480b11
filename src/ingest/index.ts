// Vendor CSV exports (`vouch import`)
export { importFile, IMPORT_DEFAULTS, CsvParser, decodeText, detectTextEncoding, sniffDelimiter, detectVendor, createRowMapper, parseImportDate, parseLocaleNumber, parseFlag, parseLinkType, VENDOR_SPECS, TEXT_ENCODINGS, CSV_DELIMITERS } from './import/index.js';
export type { ImportOptions, ImportProgress, ImportSummary, CsvRecord, CsvIssue, TextEncodingName, CsvDelimiter, DateOrder, VendorSpec, LinkDraft } from './import/index.js';
// WARC / WAT (`vouch ingest FILE|URL`)
export { ingestArchive, INGEST_ARCHIVE_DEFAULTS, readArchive, inflateMembers, WarcRecordReader, parseHttpResponse, responseRecordToPage, watRecordToPage, emptyIngestCounts, totalRecords, openByteSource } from './warc/index.js';
export type { IngestArchiveOptions, IngestProgress, IngestSummary, ArchiveEvent, ResumePoint, WarcRecord, IngestCounts, DamageReport, RecordOutcome, SkipReason } from './warc/index.js';
// Common Crawl web graphs (`vouch ingest ccgraph`)
export { ingestCcGraph, INGEST_CC_GRAPH_DEFAULTS } from './ccgraph/index.js';
export type { CcGraphLevel, CcGraphSummary, IngestCcGraphOptions } from './ccgraph/index.js';
// `vouch export`
export { exportTable, EXPORT_KINDS, EXPORT_FORMATS } from './export/index.js';
export type { ExportKind, ExportFormat, ExportResult } from './export/index.js';
// Distributed ingest: the BullMQ file queue, its workers, and the Parquet dataset (`vouch ingest --queue`, `vouch worker ingest`)
export { fileJobId, expandLocations, isLocationList, crawlNameOf, redisConnection, openIngestQueue, enqueueIngestFiles, waitForIngestQueue, ingestFileToParquet, ingestFileToStore, startIngestWorker, parquetSink, storeSink, loadParquetDataset, readManifests, INGEST_QUEUE_DEFAULTS, INGEST_WORKER_DEFAULTS, INGEST_TO_PARQUET_DEFAULTS } from './queue/index.js';
export type { IngestJobData, IngestJobResult, EnqueueIngestResult, IngestQueueOutcome, IngestToParquetOptions, ParquetManifest, IngestSink, IngestWorkerHandle, IngestWorkerOptions, IngestWorkerStats, IngestJobEvent, LoadParquetOptions, LoadParquetResult } from './queue/index.js';
