/**
 * Anchor markers. `exact-match-anchor`: a link whose anchor is one of the target's commercial
 * keywords (`--keywords`, or those stored with the target), from a source under the low-authority
 * line. `anchor-over-optimisation`: when keyword anchors make up too much of the whole profile's
 * followed links, every link carrying one is part of the pattern.
 */
import { AUDIT_THRESHOLDS as T } from './marker-table.js';
import { firstOf, isFollowed, normaliseAnchor, type DetectorFactory } from './detector.js';

export const exactMatchAnchorMarker: DetectorFactory = (ctx) => {
  const keywords = new Set(ctx.keywords);
  return (domain, links) => {
    if (keywords.size === 0) return null;
    const authority = ctx.domains.get(domain)?.authority ?? null;
    if (authority !== null && authority >= T.lowAuthority) return null;
    const hits = links.filter((l) => keywords.has(normaliseAnchor(l.anchor)));
    if (hits.length === 0) return null;
    return {
      marker: 'exact-match-anchor',
      strength: 1,
      links: hits.map((l) => l.id),
      evidence: { anchors: [...new Set(hits.map((l) => normaliseAnchor(l.anchor)))], authority, lowAuthority: T.lowAuthority, examples: firstOf(hits.map((l) => ({ srcUrl: l.srcUrl, anchor: l.anchor }))) },
    };
  };
};

export const anchorOverOptimisationMarker: DetectorFactory = (ctx) => {
  const keywords = new Set(ctx.keywords);
  const followed = ctx.links.filter(isFollowed);
  const keyworded = followed.filter((l) => keywords.has(normaliseAnchor(l.anchor))).length;
  const share = followed.length === 0 ? 0 : keyworded / followed.length;
  return (_domain, links) => {
    if (keywords.size === 0 || share < T.overOptimisedShare) return null;
    const hits = links.filter((l) => keywords.has(normaliseAnchor(l.anchor)));
    if (hits.length === 0) return null;
    return {
      marker: 'anchor-over-optimisation',
      strength: 1,
      links: hits.map((l) => l.id),
      evidence: { profileKeywordShare: Math.round(share * 1000) / 1000, keywordLinks: keyworded, followedLinks: followed.length, threshold: T.overOptimisedShare },
    };
  };
};
