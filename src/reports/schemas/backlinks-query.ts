import { z } from 'zod';
import { LINK_KINDS, LINK_POSITIONS } from '../../core/types.js';
import type { LinkKind, LinkPosition } from '../../core/types.js';
import {
  booleanField, choiceField, enumListField, instantField, limitField, numberField, offsetField, orderField, targetField, textField,
} from './fields.js';

export const REL_CLASSES = ['follow', 'nofollow', 'ugc', 'sponsored'] as const;
export type RelClass = (typeof REL_CLASSES)[number];
export const LINK_STATES = ['live', 'lost', 'all'] as const;
export const BACKLINK_SORTS = ['authority', 'toxicity', 'firstSeen', 'lastSeen', 'sourceUrl', 'sourceDomain', 'targetUrl', 'anchor'] as const;
export type BacklinkSort = (typeof BACKLINK_SORTS)[number];

const kinds = LINK_KINDS as unknown as readonly [LinkKind, ...LinkKind[]];
const positions = LINK_POSITIONS as unknown as readonly [LinkPosition, ...LinkPosition[]];

/** Link-level filters shared by backlinks and its CSV export. */
export const backlinkFilters = {
  target: targetField,
  rel: enumListField(REL_CLASSES, 'keep links of these rel classes').optional(),
  kind: enumListField(kinds, 'keep links of these kinds').optional(),
  state: choiceField(LINK_STATES, 'live links, lost links, or both').default('live'),
  firstSeenFrom: instantField('first seen on or after this date').optional(),
  firstSeenTo: instantField('first seen on or before this date', true).optional(),
  lastSeenFrom: instantField('last seen on or after this date').optional(),
  lastSeenTo: instantField('last seen on or before this date', true).optional(),
  anchor: textField('anchor text contains this (case-insensitive)').optional(),
  minAuthority: numberField(0, 100, 'source domain authority at least this (domains not yet ranked are left out)').optional(),
  maxToxicity: numberField(0, 100, 'source domain toxicity at most this (domains not yet audited are kept)').optional(),
  sourceDomain: textField('links from this domain or host only', 253).optional(),
  position: enumListField(positions, 'keep links in these page positions').optional(),
  onePerDomain: booleanField('keep only the first link (in sort order) of each referring domain').default(false),
  sort: choiceField(BACKLINK_SORTS, 'sort column').default('authority'),
  order: orderField.default('desc'),
};

/** `vouch backlinks` and `GET /api/v1/targets/:target/backlinks`. */
export const backlinksQuery = z.strictObject({
  ...backlinkFilters,
  limit: limitField(100, 1000),
  offset: offsetField,
  cursor: textField('opaque cursor from the previous page (nextCursor); use instead of offset', 1000).optional(),
});
export type BacklinksQuery = z.input<typeof backlinksQuery>;
export type BacklinksFilters = z.output<typeof backlinksQuery>;

/** Every matching link, for exports (`GET /api/v1/targets/:target/backlinks.csv`). */
export const backlinksExportQuery = z.strictObject(backlinkFilters);
export type BacklinksExportQuery = z.input<typeof backlinksExportQuery>;
