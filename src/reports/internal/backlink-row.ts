import type { LinkKind, LinkPosition } from '../../core/types.js';

/** One backlink as reports return it. */
export interface BacklinkRow {
  id: number;
  sourceUrl: string;
  sourceHost: string;
  sourceDomain: string;
  targetUrl: string;
  anchor: string;
  kind: LinkKind;
  /** Passes equity: no nofollow, ugc, sponsored or meta nofollow. */
  followed: boolean;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  metaNofollow: boolean;
  hidden: boolean;
  position: LinkPosition;
  context: string;
  /** HTTP status of a redirect hop; null for other kinds. */
  httpStatus: number | null;
  firstSeen: Date;
  lastSeen: Date;
  lostAt: Date | null;
  lostReason: string | null;
  /** Authority 0-100 of the source domain; null until `vouch rank` has run. */
  authority: number | null;
  /** Toxicity of the source domain; null until the audit has run. */
  toxicity: number | null;
}

export interface LinkDbRow {
  id: bigint | number;
  src_url: string;
  src_host: string;
  src_domain: string;
  dst_url: string;
  anchor: string;
  kind: LinkKind;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  meta_nofollow: boolean;
  hidden: boolean;
  position: LinkPosition;
  context: string;
  http_status: number | null;
  first_seen: Date;
  last_seen: Date;
  lost_at: Date | null;
  lost_reason: string | null;
  authority: number | null;
  toxicity: number | null;
}

export function toBacklinkRow(r: LinkDbRow): BacklinkRow {
  return {
    id: Number(r.id),
    sourceUrl: r.src_url,
    sourceHost: r.src_host,
    sourceDomain: r.src_domain,
    targetUrl: r.dst_url,
    anchor: r.anchor,
    kind: r.kind,
    followed: !(r.nofollow || r.ugc || r.sponsored || r.meta_nofollow),
    nofollow: r.nofollow,
    ugc: r.ugc,
    sponsored: r.sponsored,
    metaNofollow: r.meta_nofollow,
    hidden: r.hidden,
    position: r.position,
    context: r.context,
    httpStatus: r.http_status,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    lostAt: r.lost_at,
    lostReason: r.lost_reason,
    authority: r.authority === null ? null : Number(r.authority),
    toxicity: r.toxicity === null ? null : Number(r.toxicity),
  };
}
