import type { ClickHouseClient } from '@clickhouse/client';
import type { LinkRecord } from '../../../core/types.js';
import type { WriteLinksResult } from '../../store.js';
import { decodeRows } from './decode-rows.js';
import type { ColumnMeta } from './decode-rows.js';
import type { ValueFormat } from './format-values.js';
import { linkId } from './link-identity.js';

interface Stored {
  id: bigint;
  first_seen: Date;
  last_seen: Date;
  lost_at: Date | null;
  source: string;
}

/** Existing rows are looked up this many ids at a time (the ids travel as one Array parameter). */
const LOOKUP_CHUNK = 5000;

/**
 * The batch with one entry per link: a repeated link keeps its newest observation's attributes and
 * the widest seen-range (as the DuckDB adapter's merge does).
 */
function dedupe(links: Iterable<LinkRecord>): Map<bigint, LinkRecord> {
  const byId = new Map<bigint, LinkRecord>();
  for (const l of links) {
    const id = linkId(l);
    const seen = byId.get(id);
    if (!seen) {
      byId.set(id, l);
      continue;
    }
    const newest = l.lastSeen > seen.lastSeen ? l : seen;
    byId.set(id, {
      ...newest,
      firstSeen: l.firstSeen < seen.firstSeen ? l.firstSeen : seen.firstSeen,
      lastSeen: newest.lastSeen,
    });
  }
  return byId;
}

async function lookup(client: ClickHouseClient, ids: bigint[], domains: string[]): Promise<Map<bigint, Stored & Record<string, unknown>>> {
  const found = new Map<bigint, Stored & Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const result = await client.query({
      // dst_domain first: it leads the sorting key (and picks the shard), so the lookup reads few granules.
      query: `SELECT * FROM links WHERE dst_domain IN {domains:Array(String)} AND id IN {ids:Array(UInt64)}`,
      query_params: { domains, ids: chunk },
      format: 'JSON',
    });
    const body = (await result.json()) as unknown as { meta: ColumnMeta[]; data: Record<string, unknown>[] };
    for (const row of decodeRows<Stored & Record<string, unknown>>(body.meta, body.data)) found.set(row.id, row);
  }
  return found;
}

/**
 * Upsert links on ClickHouse: read the stored rows of the batch's links, merge in JS with the same
 * rules as the DuckDB adapter (first_seen the earliest, last_seen the latest, attributes from the
 * newest observation of the same source, a lost link seen again is recovered), and insert the
 * merged rows; ReplacingMergeTree(last_seen) keeps the merged row.
 * NOTE: read-then-write is not atomic. Two writers racing on the same new link both count it as
 * inserted and both write a `new` event; the rows still converge to one.
 */
export async function writeClickHouseLinks(client: ClickHouseClient, fmt: ValueFormat, links: Iterable<LinkRecord>, jobId: number | null): Promise<WriteLinksResult> {
  const batch = dedupe(links);
  if (batch.size === 0) return { inserted: 0, updated: 0, recovered: 0 };
  const domains = [...new Set([...batch.values()].map((l) => l.dstDomain))];
  const stored = await lookup(client, [...batch.keys()], domains);
  const rows: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  let inserted = 0;
  let recovered = 0;
  for (const [id, l] of batch) {
    const old = stored.get(id);
    let lostAt: Date | null = null;
    let lostReason: string | null = null;
    let attrs = l;
    let source: string = l.source;
    let firstSeen = l.firstSeen;
    let lastSeen = l.lastSeen;
    if (!old) {
      inserted++;
      events.push({ occurred_at: fmt.time(l.firstSeen), link_id: String(id), dst_domain: l.dstDomain, event: 'new', reason: null, job_id: jobId });
    } else {
      source = old.source;
      firstSeen = old.first_seen < l.firstSeen ? old.first_seen : l.firstSeen;
      lastSeen = old.last_seen > l.lastSeen ? old.last_seen : l.lastSeen;
      if (!(l.lastSeen >= old.last_seen && l.source === old.source)) attrs = fromStored(old, l);
      if (old.lost_at !== null && l.lastSeen > old.lost_at) {
        recovered++;
        events.push({ occurred_at: fmt.time(l.lastSeen), link_id: String(id), dst_domain: l.dstDomain, event: 'recovered', reason: null, job_id: jobId });
      } else {
        lostAt = old.lost_at;
        lostReason = (old.lost_reason as string | null) ?? null;
      }
    }
    rows.push({
      id: String(id), src_url: l.srcUrl, dst_url: l.dstUrl, src_host: attrs.srcHost, src_domain: attrs.srcDomain, dst_host: attrs.dstHost,
      dst_domain: attrs.dstDomain, kind: l.kind, anchor: l.anchor, nofollow: fmt.flag(attrs.nofollow), ugc: fmt.flag(attrs.ugc),
      sponsored: fmt.flag(attrs.sponsored), meta_nofollow: fmt.flag(attrs.metaNofollow), hidden: fmt.flag(attrs.hidden), position: attrs.position,
      context: attrs.context, http_status: attrs.httpStatus, first_seen: fmt.time(firstSeen), last_seen: fmt.time(lastSeen),
      lost_at: lostAt === null ? null : fmt.time(lostAt), lost_reason: lostReason, source,
    });
  }
  await client.insert({ table: 'links_data', values: rows, format: 'JSONEachRow' });
  if (events.length > 0) await client.insert({ table: 'link_events_data', values: events, format: 'JSONEachRow' });
  return { inserted, updated: batch.size - inserted, recovered };
}

/** The stored row's attributes, in the shape of a record (an older or foreign observation must not overwrite them). */
function fromStored(old: Record<string, unknown>, l: LinkRecord): LinkRecord {
  return {
    ...l,
    srcHost: old.src_host as string, srcDomain: old.src_domain as string, dstHost: old.dst_host as string, dstDomain: old.dst_domain as string,
    nofollow: old.nofollow as boolean, ugc: old.ugc as boolean, sponsored: old.sponsored as boolean, metaNofollow: old.meta_nofollow as boolean,
    hidden: old.hidden as boolean, position: old.position as LinkRecord['position'], context: old.context as string,
    httpStatus: (old.http_status as number | null) ?? null,
  };
}
