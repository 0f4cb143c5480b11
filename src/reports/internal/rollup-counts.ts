import type { RelClass } from '../schemas/backlinks-query.js';

/** Column expressions over the link rollup's `r` row: matching links, and the followed among them. */
export interface RollupCounts {
  links: string;
  followed: string;
}

/**
 * The rollup's counts for a state and rel filter, or null when the rollup cannot express the
 * filter (it keeps live, followed and total counts only, so a nofollow, ugc or sponsored class
 * needs the links table). Lost counts are totals less live ones.
 */
export function rollupCounts(state: 'live' | 'lost' | 'all', rel: readonly RelClass[] | undefined): RollupCounts | null {
  if (rel !== undefined && !(rel.length === 1 && rel[0] === 'follow')) return null;
  const byState = {
    live: { links: 'r.live_links', followed: 'r.live_followed_links' },
    all: { links: 'r.links', followed: 'r.followed_links' },
    lost: { links: '(r.links - r.live_links)', followed: '(r.followed_links - r.live_followed_links)' },
  }[state];
  return rel === undefined ? byState : { links: byState.followed, followed: byState.followed };
}
