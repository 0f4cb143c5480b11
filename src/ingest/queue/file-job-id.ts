import { createHash } from 'node:crypto';
import path from 'node:path';
import { isUrlLocation } from '../warc/open-byte-source.js';

/** An input's stable name: the absolute path of a local file, or the URL as given. */
export function fileIdentity(location: string): string {
  return isUrlLocation(location) ? location : path.resolve(location);
}

/**
 * The stable id of one input file: the first 20 hex digits (80 bits) of SHA-256 of its identity.
 * It is the BullMQ job id (so queuing a file twice is a no-op) and the name of the file's Parquet
 * output (so a retried file overwrites, never adds). Hex only: BullMQ forbids `:` in custom ids.
 * @example fileJobId('/data/CC-MAIN-…-00000.warc.gz') // '3f1c…'
 */
export function fileJobId(location: string): string {
  return createHash('sha256').update(fileIdentity(location)).digest('hex').slice(0, 20);
}

/** `CC-MAIN-2024-22` from a Common Crawl path or URL, else `default`: the `crawl=` partition of a file's output. */
export function crawlNameOf(location: string): string {
  return /CC-MAIN-\d{4}-\d{2}(?!\d)/.exec(location)?.[0] ?? 'default';
}

/** Crawl names become directory names (`crawl=NAME`): keep them to a safe alphabet. */
export const CRAWL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
