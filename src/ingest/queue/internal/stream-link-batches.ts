import type { DuckDBConnection } from '@duckdb/node-api';
import type { LinkRecord } from '../../../core/types.js';

/**
 * SELECT list for `streamLinkBatches`: the link columns in LinkRecord order, times as epoch
 * milliseconds (DOUBLE), so every value reads straight off its vector as a JS primitive.
 */
export const LINK_SELECT = `src_url, dst_url, src_host, src_domain, dst_host, dst_domain, kind, anchor, nofollow, ugc, sponsored,
  meta_nofollow, hidden, position, context, http_status, epoch_ms(first_seen)::DOUBLE AS first_seen, epoch_ms(last_seen)::DOUBLE AS last_seen, source`;

/**
 * Run `sql` (which selects LINK_SELECT) as a stream and hand LinkRecords to `take` in batches of
 * about `batchRows`. Values are read per vector, not through generic row conversion, which is
 * several times slower for the millions of rows of a real dataset.
 */
export async function streamLinkBatches(connection: DuckDBConnection, sql: string, batchRows: number, take: (links: LinkRecord[]) => Promise<void>): Promise<void> {
  const result = await connection.stream(sql);
  let batch: LinkRecord[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const v = Array.from({ length: 19 }, (_, i) => chunk.getColumnVector(i));
    const at = (column: number, row: number): unknown => v[column]!.getItem(row);
    for (let r = 0; r < chunk.rowCount; r++) {
      batch.push({
        srcUrl: at(0, r) as string,
        dstUrl: at(1, r) as string,
        srcHost: at(2, r) as string,
        srcDomain: at(3, r) as string,
        dstHost: at(4, r) as string,
        dstDomain: at(5, r) as string,
        kind: at(6, r) as LinkRecord['kind'],
        anchor: at(7, r) as string,
        nofollow: at(8, r) as boolean,
        ugc: at(9, r) as boolean,
        sponsored: at(10, r) as boolean,
        metaNofollow: at(11, r) as boolean,
        hidden: at(12, r) as boolean,
        position: at(13, r) as LinkRecord['position'],
        context: at(14, r) as string,
        httpStatus: (at(15, r) as number | null) ?? null,
        firstSeen: new Date(at(16, r) as number),
        lastSeen: new Date(at(17, r) as number),
        source: at(18, r) as LinkRecord['source'],
      });
    }
    if (batch.length >= batchRows) {
      await take(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await take(batch);
}
