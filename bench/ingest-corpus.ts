/**
 * Larger WARC and WAT files for the ingest benchmark, built by repeating the real Common Crawl
 * records in ../shared/testdata/warc: each copy's target URIs move to their own host (so pages and
 * links stay distinct), and each record is gzipped as its own member, as Common Crawl writes them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipPerRecord, plainBytes, repeatRecords, splitRecords, WARC_2014, WARC_2024, WAT_2014, WAT_2024 } from '../test/ingest/fixtures/warc-files.js';

export interface BenchFile {
  file: string;
  /** Compressed bytes. */
  bytes: number;
  /** Uncompressed bytes. */
  plainBytes: number;
  records: number;
}

function build(dir: string, name: string, sources: string[], copies: number): BenchFile {
  const records = repeatRecords(sources.flatMap((f) => splitRecords(plainBytes(f))), copies);
  const { data } = gzipPerRecord(records);
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return { file, bytes: data.length, plainBytes: records.reduce((a, r) => a + r.length, 0), records: records.length };
}

/** The 2014 and 2024 WARC records (5 responses, 4 of them HTML) repeated `copies` times. */
export function buildWarc(dir: string, copies: number): BenchFile {
  return build(dir, 'bench.warc.gz', [WARC_2014, WARC_2024], copies);
}

/** The 2014 and 2024 WAT records (11 records, 2 describing responses, 1 with HTML metadata) repeated `copies` times. */
export function buildWat(dir: string, copies: number): BenchFile {
  return build(dir, 'bench.warc.wat.gz', [WAT_2014, WAT_2024], copies);
}
