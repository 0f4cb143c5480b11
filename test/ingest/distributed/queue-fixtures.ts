/**
 * What the distributed-ingest tests share: real worker processes (`vouch worker ingest`), a bigger
 * WARC built from the real Common Crawl sample, and the link/page rows of a store to compare.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LinkRecord } from '../../../src/core/types.js';
import { openByteSource, readArchive } from '../../../src/ingest/index.js';
import { openStore } from '../../../src/store/index.js';
import { startCli } from '../../helpers/run-cli.js';
import type { StartedCli } from '../../helpers/run-cli.js';
import { gzipPerRecord, plainBytes, repeatRecords, splitRecords, WARC_2014 } from '../fixtures/warc-files.js';

/** Lock and stalled-check periods short enough for a test to see a dead worker's file come back. */
export const FAST_LOCKS = ['--lock-ms', '2000', '--stalled-ms', '1000'];

/** `vouch worker ingest` writing Parquet to `out`, exiting once the queue is empty. */
export function startWorker(queueUrl: string, out: string, extra: readonly string[] = []): StartedCli {
  return startCli(['--json', 'worker', 'ingest', '--queue', queueUrl, '--out', out, '--buckets', '4', '--until-empty', ...FAST_LOCKS, ...extra], { timeoutMs: 60_000 });
}

/** The 2014 WARC's records `copies` times over, each copy on its own hosts, one gzip member a record. */
export function writeRepeatedWarc(file: string, copies: number): string {
  writeFileSync(file, gzipPerRecord(repeatRecords(splitRecords(plainBytes(WARC_2014)), copies)).data);
  return file;
}

/** Links read from a file by readArchive directly (no queue, no store): raw count and distinct keys. */
export async function linksOf(file: string): Promise<{ raw: number; distinct: number }> {
  const keys = new Set<string>();
  let raw = 0;
  const source = await openByteSource(file);
  for await (const events of readArchive(source.chunks)) {
    for (const e of events) {
      if (e.kind !== 'record') continue;
      raw += e.outcome.links.length;
      for (const l of e.outcome.links as LinkRecord[]) keys.add(`${l.srcUrl}\0${l.dstUrl}\0${l.kind}\0${l.anchor}`);
    }
  }
  return { raw, distinct: keys.size };
}

/** A comparable dump of a store's links, pages and events. Position and context are left out: a page that repeats a link (same URL and anchor) keeps one of its occurrences' surroundings, whichever its batch kept. */
export async function storeRows(dataDir: string): Promise<{ links: string[]; pages: string[]; events: string[] }> {
  const store = await openStore({ databasePath: path.join(dataDir, 'vouch.duckdb'), readOnly: true });
  try {
    const rows = async (sql: string): Promise<string[]> => (await store.all(sql)).map((r) => JSON.stringify(Object.values(r), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    return {
      links: await rows(`SELECT link_key, src_url, dst_url, kind, anchor, src_host, dst_host, dst_domain, nofollow, ugc, sponsored, meta_nofollow,
        http_status, first_seen, last_seen, lost_at, source FROM links ORDER BY link_key`),
      pages: await rows(`SELECT url, host, domain, fetched_at, status, content_type, bytes, title, canonical, outlinks, content_hash, source, word_count FROM pages ORDER BY url`),
      events: await rows(`SELECT l.link_key, e.event, e.occurred_at FROM link_events e JOIN links l ON l.id = e.link_id ORDER BY 1, 2`),
    };
  } finally {
    await store.close();
  }
}

