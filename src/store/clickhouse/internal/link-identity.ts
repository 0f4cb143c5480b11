import { createHash } from 'node:crypto';
import type { LinkRecord } from '../../../core/types.js';

/**
 * A link's id on ClickHouse: 53 bits of the MD5 of (src_url, dst_url, kind, anchor), the same key
 * the DuckDB adapter hashes. Computed by the writer, so that any worker on any machine gives a link
 * the same id with no sequence to share; 53 bits so that the id is exact as a JS number (reports
 * and cursors carry ids as numbers). A collision needs two links to the same URL hashing alike
 * (about 1 in 10^15 per pair), and would merge them.
 */
export function linkId(l: Pick<LinkRecord, 'srcUrl' | 'dstUrl' | 'kind' | 'anchor'>): bigint {
  const digest = createHash('md5').update(`${l.srcUrl}\0${l.dstUrl}\0${l.kind}\0${l.anchor}`).digest();
  return digest.readBigUInt64BE(0) >> 11n;
}
