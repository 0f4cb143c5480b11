import type { LinkKind } from '../../core/types.js';
import { BUMP_LINK_EPOCH_SQL, clickHouseLinkId, clickHouseTime } from '../../store/index.js';
import type { Store } from '../../store/index.js';

export interface LostLink {
  srcUrl: string;
  dstUrl: string;
  /** The target's registrable domain: ClickHouse finds (and shards) links by it. */
  dstDomain: string;
  kind: LinkKind;
  anchor: string;
  lostAt: Date;
  reason: string;
}

/**
 * Lost links per ClickHouse statement: the ids, dates and reasons travel as query parameters, which
 * go in the request's URL over HTTP (servers cap it at 1 MiB), so a few hundred at a time.
 */
const CLICKHOUSE_CHUNK = 500;

/**
 * Mark stored links that a source reports gone as lost, with one `lost` event each. A link stays live
 * when it is already lost, or was seen after the reported date (a crawl saw it again since), so a
 * second import of the same file changes nothing.
 * @returns the number of links marked lost.
 */
export async function markLinksLost(store: Store, lost: readonly LostLink[]): Promise<number> {
  if (lost.length === 0) return 0;
  if (store.dialect === 'clickhouse') {
    let marked = 0;
    for (let i = 0; i < lost.length; i += CLICKHOUSE_CHUNK) marked += await markClickHouse(store, lost.slice(i, i + CLICKHOUSE_CHUNK));
    return marked;
  }
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
        // The same 'YYYY-MM-DD hh:mm:ss.sss' text DuckDB casts to TIMESTAMP.
        lost.map((l) => clickHouseTime(l.lostAt)),
        lost.map((l) => l.reason),
      ],
    );
    const match = `l.src_url = x.src_url AND l.dst_url = x.dst_url AND l.kind = x.kind AND l.anchor = x.anchor AND l.lost_at IS NULL AND x.lost_at >= l.last_seen`;
    const row = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM links l JOIN _ingest_lost x ON ${match}`);
    const marked = Number(row?.n ?? 0);
    if (marked > 0) {
      await store.run(BUMP_LINK_EPOCH_SQL);
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

/**
 * The ClickHouse form: the same rule, applied as new row versions. links_data's version column is
 * last_seen, which a loss does not move, so the version written last (this one) wins; the event is
 * written first, so a failure in between leaves the link live and a retry marks it once.
 */
async function markClickHouse(store: Store, lost: readonly LostLink[]): Promise<number> {
  // One entry per link, as DuckDB's GROUP BY: the latest report date, the first reason.
  const byId = new Map<string, { lostAt: Date; reason: string; domain: string }>();
  for (const l of lost) {
    const id = String(clickHouseLinkId(l));
    const seen = byId.get(id);
    byId.set(id, {
      lostAt: seen && seen.lostAt > l.lostAt ? seen.lostAt : l.lostAt,
      reason: seen && seen.reason < l.reason ? seen.reason : l.reason,
      domain: l.dstDomain,
    });
  }
  const ids = [...byId.keys()];
  const params = {
    ids,
    lostAts: ids.map((id) => clickHouseTime(byId.get(id)!.lostAt)),
    reasons: ids.map((id) => byId.get(id)!.reason),
    domains: [...new Set(ids.map((id) => byId.get(id)!.domain))],
  };
  const at = `toDateTime64(transform(toString(id), $ids, $lostAts, ''), 3, 'UTC')`;
  const reason = `transform(toString(id), $ids, $reasons, '')`;
  const match = `dst_domain IN $domains AND toString(id) IN $ids AND lost_at IS NULL AND ${at} >= last_seen`;
  const row = await store.one<{ n: bigint }>(`SELECT count() AS n FROM links WHERE ${match}`, params);
  const marked = Number(row?.n ?? 0);
  if (marked === 0) return 0;
  await store.run(
    `INSERT INTO link_events_data (occurred_at, link_id, dst_domain, event, reason, job_id)
     SELECT ${at}, id, dst_domain, 'lost', ${reason}, NULL FROM links WHERE ${match}`,
    params,
  );
  // NOTE: ClickHouse lets WHERE see SELECT aliases, so the replaced lost_at would hide the stored one
  // from `lost_at IS NULL`: the rows are chosen in a subquery of their own.
  await store.run(`INSERT INTO links_data SELECT * REPLACE (${at} AS lost_at, ${reason} AS lost_reason) FROM (SELECT * FROM links WHERE ${match})`, params);
  return marked;
}
