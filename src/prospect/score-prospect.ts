import { SOURCE_STRENGTH, type ProspectSource } from './prospect-defaults.js';

export interface ScoreInput {
  source: ProspectSource;
  /** Domain authority 0-100 from `vouch rank`; null when not ranked. */
  authority: number | null;
  /** Overlap with the target's terms, 0-1 (see relevance). */
  relevance: number;
  /** Link gap only: how many competitors the domain links to. */
  competitorCount?: number;
}

/**
 * The score of a prospect, 0-100:
 *
 *   score = 100 × (0.45·A + 0.35·R + 0.20·S)
 *
 * A = authority / 100 (0 when the domain is not ranked), R = relevance (share of the target's
 * keyword and brand words found in the page's title, text and anchors), S = the strength of the
 * source (SOURCE_STRENGTH; for a link gap it rises by 0.25 per competitor linked beyond the first,
 * up to 1). Toxic domains and existing relationships are not scored down: they are left out.
 * Rounded to one decimal.
 */
export function scoreProspect(input: ScoreInput): number {
  const a = Math.min(100, Math.max(0, input.authority ?? 0)) / 100;
  const r = Math.min(1, Math.max(0, input.relevance));
  let s: number = SOURCE_STRENGTH[input.source];
  if (input.source === 'gap') s = Math.min(1, s + 0.25 * Math.max(0, (input.competitorCount ?? 1) - 1));
  return Math.round(1000 * (0.45 * a + 0.35 * r + 0.2 * s)) / 10;
}
