/**
 * Toxicity 0–100 from the markers that fired, with every point explained.
 *
 * Each marker m has a weight w_m (markers/marker-table.ts) and fires with a strength s_m in (0, 1].
 * A link that Google treats as a hint (nofollow, ugc, sponsored, or meta nofollow on its page)
 * passes less risk: its hint factor is r = HINT_FACTOR (0.3); a followed link has r = 1.
 *
 *   effective e_m = w_m · s_m · r_m
 *   domain:  T_d = 100 · (1 − ∏_m (1 − e_m))
 *            r_m is the largest r over the links m fired on (for a domain-level marker: over all the
 *            domain's links to the target), so one followed link carries the marker fully.
 *   link l:  T_l = 100 · (1 − ∏_{m fired on l or on its domain} (1 − w_m · s_m · r_l))
 *
 * The formula is a noisy-OR: markers are independent pieces of evidence, each one alone gives
 * 100·e_m, and the score is monotone: adding a marker, raising a weight or a strength never lowers
 * it, and nothing reaches 100 short of a weight of 1. Rounded to one decimal.
 */
import { HINT_FACTOR, MARKER_BY_ID } from './markers/marker-table.js';
import { isFollowed } from './markers/detector.js';
import type { AuditLink, LinkScore, MarkerHit, ScoredMarker } from './types.js';

/** The hint factor of one link. */
export function hintFactor(link: AuditLink): number {
  return isFollowed(link) ? 1 : HINT_FACTOR;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Noisy-OR of effective weights, as 0–100. */
export function combineRisks(effective: readonly number[]): number {
  let keep = 1;
  for (const e of effective) keep *= 1 - Math.min(1, Math.max(0, e));
  return round1(100 * (1 - keep));
}

/** Score one referring domain and each of its links from the marker hits. */
export function scoreDomain(links: readonly AuditLink[], hits: readonly MarkerHit[]): { toxicity: number; markers: ScoredMarker[]; linkScores: LinkScore[] } {
  const byId = new Map(links.map((l) => [l.id, l]));
  const domainR = links.reduce((r, l) => Math.max(r, hintFactor(l)), 0);
  const markers: ScoredMarker[] = hits.map((h) => {
    const weight = MARKER_BY_ID.get(h.marker)!.weight;
    const r = h.links.length === 0 ? domainR : h.links.reduce((acc, id) => Math.max(acc, byId.has(id) ? hintFactor(byId.get(id)!) : 0), 0);
    return { ...h, weight, effective: Math.round(weight * h.strength * r * 1000) / 1000 };
  });
  markers.sort((a, b) => b.effective - a.effective);
  const linkScores: LinkScore[] = links.map((l) => {
    const r = hintFactor(l);
    const applying = hits.filter((h) => h.links.length === 0 || h.links.includes(l.id));
    return {
      id: l.id,
      srcUrl: l.srcUrl,
      dstUrl: l.dstUrl,
      anchor: l.anchor,
      kind: l.kind,
      followed: r === 1,
      toxicity: combineRisks(applying.map((h) => MARKER_BY_ID.get(h.marker)!.weight * h.strength * r)),
      markers: applying.map((h) => h.marker),
    };
  });
  linkScores.sort((a, b) => b.toxicity - a.toxicity || a.id - b.id);
  return { toxicity: combineRisks(markers.map((m) => m.effective)), markers, linkScores };
}
