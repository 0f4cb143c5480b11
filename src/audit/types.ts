/**
 * Shapes of the link audit: what a marker says, with its evidence, and what the audit of one target
 * comes to for each referring domain and each link.
 */
import type { LinkKind, LinkPosition } from '../core/types.js';

/** Every marker the audit knows (see markers/marker-table.ts for weights and meaning). */
export type MarkerId =
  | 'spam-list'
  | 'spam-mass'
  | 'link-farm'
  | 'pbn-footprint'
  | 'exact-match-anchor'
  | 'anchor-over-optimisation'
  | 'sitewide-footer'
  | 'hidden-link'
  | 'paid-unmarked'
  | 'thin-page'
  | 'suspicious-tld'
  | 'expired-redirect'
  | 'velocity-spike'
  | 'language-mismatch';

/** One marker that fired for a referring domain. */
export interface MarkerHit {
  marker: MarkerId;
  /** How strongly it fired, in (0, 1]; most markers fire at 1. */
  strength: number;
  /** Ids of the links it fired on; empty when it is about the whole domain. */
  links: number[];
  /** What was seen: values, pages, other domains. Plain JSON. */
  evidence: Record<string, unknown>;
}

/** A live link to the target, as the audit reads it. */
export interface AuditLink {
  id: number;
  srcUrl: string;
  dstUrl: string;
  srcHost: string;
  srcDomain: string;
  kind: LinkKind;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  metaNofollow: boolean;
  hidden: boolean;
  position: LinkPosition;
  firstSeen: Date;
  httpStatus: number | null;
}

/** A marker hit with its weight and its effective contribution to the domain's score. */
export interface ScoredMarker extends MarkerHit {
  weight: number;
  /** w · s · r: r is 1 when a link it fired on (any link, for domain markers) is followed, else the hint factor. */
  effective: number;
}

export interface LinkScore {
  id: number;
  srcUrl: string;
  dstUrl: string;
  anchor: string;
  kind: LinkKind;
  followed: boolean;
  toxicity: number;
  markers: MarkerId[];
}

export type OverrideList = 'whitelist' | 'blacklist';

/** The audit of one referring domain. */
export interface DomainAudit {
  domain: string;
  /** 0–100 after the user's override (whitelist 0, blacklist 100). */
  toxicity: number;
  /** 0–100 from the markers alone. */
  computedToxicity: number;
  override: OverrideList | null;
  authority: number | null;
  links: number;
  followedLinks: number;
  markers: ScoredMarker[];
  linkScores: LinkScore[];
}
