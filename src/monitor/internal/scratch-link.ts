/** A link row of the monitor's scratch crawl store, and the record it is written back as. */
import type { LinkKind, LinkPosition, LinkRecord, RecordSource } from '../../core/types.js';

/** The columns of a scratch link that make its record. */
export const SCRATCH_LINK_COLUMNS = `src_url, dst_url, src_host, src_domain, dst_host, dst_domain, kind, anchor, nofollow, ugc, sponsored,
  meta_nofollow, hidden, position, context, http_status, first_seen, last_seen, source`;

export interface ScratchLink {
  src_url: string;
  dst_url: string;
  src_host: string;
  src_domain: string;
  dst_host: string;
  dst_domain: string;
  kind: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  meta_nofollow: boolean;
  hidden: boolean;
  position: string;
  context: string;
  http_status: number | null;
  first_seen: Date;
  last_seen: Date;
  source: string;
}

export function toRecord(r: ScratchLink): LinkRecord {
  return {
    srcUrl: r.src_url,
    dstUrl: r.dst_url,
    srcHost: r.src_host,
    srcDomain: r.src_domain,
    dstHost: r.dst_host,
    dstDomain: r.dst_domain,
    kind: r.kind as LinkKind,
    anchor: r.anchor,
    nofollow: r.nofollow,
    ugc: r.ugc,
    sponsored: r.sponsored,
    metaNofollow: r.meta_nofollow,
    hidden: r.hidden,
    position: r.position as LinkPosition,
    context: r.context,
    httpStatus: r.http_status,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    source: r.source as RecordSource,
  };
}
