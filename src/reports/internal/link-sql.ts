/** SQL fragments over `links l` that every report agrees on. */

/** A link passes equity: no nofollow, ugc or sponsored rel, and no meta/X-Robots nofollow on its page. */
export const FOLLOWED_SQL = `NOT (l.nofollow OR l.ugc OR l.sponsored OR l.meta_nofollow)`;

/** A backlink comes from another registrable domain; links within a domain are internal. */
export const EXTERNAL_SQL = `l.src_domain <> l.dst_domain`;

/** The link is still there: lost_at is set when a re-crawl no longer finds it. */
export const LIVE_SQL = `l.lost_at IS NULL`;

/** A link's rel class, for `rel` filters. */
export const REL_SQL = {
  follow: FOLLOWED_SQL,
  nofollow: `(l.nofollow OR l.meta_nofollow)`,
  ugc: `l.ugc`,
  sponsored: `l.sponsored`,
} as const;

/** The live/lost/all state filter. */
export function stateSql(state: 'live' | 'lost' | 'all'): string {
  if (state === 'live') return LIVE_SQL;
  if (state === 'lost') return `l.lost_at IS NOT NULL`;
  return 'true';
}
