import { z } from 'zod';
import { ANCHOR_CLASSES } from '../classify-anchor.js';
import type { AnchorClass } from '../classify-anchor.js';
import { REL_CLASSES } from './backlinks-query.js';
import { choiceField, enumListField, limitField, offsetField, orderField, stringListField, targetField, textField } from './fields.js';

const term = z.string().trim().min(1, 'expected a non-empty term').max(200, 'expected at most 200 characters');
const classes = ANCHOR_CLASSES as unknown as readonly [AnchorClass, ...AnchorClass[]];

/** `vouch anchors` and `GET /api/v1/targets/:target/anchors`. */
export const anchorsQuery = z.strictObject({
  target: targetField,
  keywords: stringListField("keywords for exact- and partial-match, added to the target's own", term).optional(),
  brand: stringListField("brand terms, added to the target's own", term).optional(),
  state: choiceField(['live', 'lost', 'all'], 'live links, lost links, or both').default('live'),
  rel: enumListField(REL_CLASSES, 'keep links of these rel classes').optional(),
  class: enumListField(classes, 'list only anchors of these classes').optional(),
  search: textField('anchor contains this (case-insensitive)').optional(),
  sort: choiceField(['refDomains', 'links', 'anchor'], 'sort column').default('refDomains'),
  order: orderField.default('desc'),
  limit: limitField(100, 1000),
  offset: offsetField,
});
export type AnchorsQuery = z.input<typeof anchorsQuery>;
