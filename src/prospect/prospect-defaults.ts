/** What each prospect source is called, on the command line, in the API and in the store. */
export const PROSPECT_SOURCES = ['gap', 'broken', 'lost', 'mention', 'resource'] as const;
export type ProspectSource = (typeof PROSPECT_SOURCES)[number];

/** The kind stored with a prospect, one per source (the names the demo truth uses). */
export const SOURCE_KIND = {
  gap: 'link-gap',
  broken: 'broken-link',
  lost: 'competitor-lost',
  mention: 'unlinked-mention',
  resource: 'resource-page',
} as const satisfies Record<ProspectSource, string>;
export type ProspectKind = (typeof SOURCE_KIND)[ProspectSource];

/**
 * Defaults of prospecting, in one place.
 * - maxToxicity: domains whose audit toxicity (0-100) is at least this are never proposed.
 * - resourceMinDomains: a resource page links to at least this many other domains.
 * - resourceTitle: what a resource page's title looks like.
 */
export const PROSPECT_DEFAULTS = {
  maxToxicity: 50,
  resourceMinDomains: 8,
  resourceTitle: '\\b(resources?|useful links|links|link list|further reading|recommended sites)\\b',
  limit: 100,
} as const;

/**
 * How strong an opening each source gives, for the score (see scoreProspect): a dead link or a
 * lost link is a concrete thing to offer; a mention is half a link already; a gap is a cold pitch.
 */
export const SOURCE_STRENGTH = { gap: 0.5, broken: 1, lost: 0.9, mention: 0.9, resource: 0.7 } as const satisfies Record<ProspectSource, number>;
