import type { LinkKind } from '../../core/types.js';
import type { Store } from '../../store/index.js';

export interface LostLink {
  srcUrl: string;
  dstUrl: string;
  kind: LinkKind;
  anchor: string;
  lostAt: Date;
  reason: string;
}

/**
 * Mark stored links that a source reports gone as lost, with one `lost` event each. A link stays live
 * when it is already lost, or was seen after the reported date (a crawl saw it again since), so a
 * second import of the same file changes nothing.
 * @returns the number of links marked lost.
 */
export async function markLinksLost(store: Store, lost: readonly LostLink[]): Promise<number> {
  if (lost.length === 0) return 0;
  return store.transaction(async () => {
    await store.run(
      `CREATE OR REPLACE TEMP TABLE _ingest_lost AS
       SELECT src_url, dst_url, kind, anchor, max(lost_at) AS lost_at, min(reason) AS reason FROM (
         SELECT unnest($1::VARCHAR[]) AS src_url, unnest($2::VARCHAR[]) AS dst_url, unnest($3::VARCHAR[]) AS kind,
                unnest($4::VARCHAR[]) AS anchor, unnest($5::VARCHAR[])::TIMESTAMP AS lost_at, unnest($6::VARCHAR[]) AS reason
       ) GROUP BY ALL`,
      [
        lost.map((l) => l.srcUrl),
        lost.map((l) => l.dstUrl),
        lost.map((l) => l.kind),
        lost.map((l) => l.anchor),
        lost.map((l) => l.lostAt.toISOString().replace('T', ' ').replace('Z', '')),
        lost.map((l) => l.reason),
      ],
    );
    const match = `l.src_url = x.src_url AND l.dst_url = x.dst_url AND l.kind = x.kind AND l.anchor = x.anchor AND l.lost_at IS NULL AND x.lost_at >= l.last_seen`;
    const row = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links l JOIN _ingest_lost x ON ${match}`);
    const marked = Number(row?.n ?? 0);
    if (marked > 0) {
      await store.run(
        `INSERT INTO link_events (occurred_at, link_id, event, reason, job_id)
         SELECT x.lost_at, l.id, 'lost', x.reason, NULL FROM links l JOIN _ingest_lost x ON ${match} ORDER BY l.id`,
      );
      await store.run(`UPDATE links l SET lost_at = x.lost_at, lost_reason = x.reason FROM _ingest_lost x WHERE ${match}`);
    }
    await store.run(`DROP TABLE IF EXISTS _ingest_lost`);
    return marked;
  });
}
