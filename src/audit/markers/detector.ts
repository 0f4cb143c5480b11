import type { AuditContext } from '../internal/audit-context.js';
import type { AuditLink, MarkerHit } from '../types.js';

/** Looks at one referring domain and its links to the target; null when the marker does not fire. */
export type Detector = (domain: string, links: readonly AuditLink[]) => MarkerHit | null;

/** Builds a detector for one audit (precomputing whatever needs the whole profile). */
export type DetectorFactory = (ctx: AuditContext) => Detector;

/** A link Google counts as a vote: not nofollow, ugc, sponsored or meta nofollow. */
export function isFollowed(l: AuditLink): boolean {
  return !l.nofollow && !l.ugc && !l.sponsored && !l.metaNofollow;
}

/** Anchor text as compared with keywords: lower case, whitespace collapsed. */
export function normaliseAnchor(anchor: string): string {
  return anchor.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** At most `n` items of a list, for evidence that stays readable. */
export function firstOf<T>(list: readonly T[], n = 5): T[] {
  return list.slice(0, n);
}
