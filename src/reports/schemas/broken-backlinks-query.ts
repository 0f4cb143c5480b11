import { z } from 'zod';
import { REL_CLASSES } from './backlinks-query.js';
import { booleanField, choiceField, enumListField, limitField, numberField, offsetField, orderField, targetField } from './fields.js';

/** `vouch broken` and `GET /api/v1/targets/:target/broken`. */
export const brokenBacklinksQuery = z.strictObject({
  target: targetField,
  rel: enumListField(REL_CLASSES, 'keep links of these rel classes').optional(),
  statusClass: enumListField(['4xx', '5xx'], 'keep links to pages answering these status classes').optional(),
  minAuthority: numberField(0, 100, 'source domain authority at least this (domains not yet ranked are left out)').optional(),
  onePerDomain: booleanField('keep only the best link of each referring domain').default(false),
  sort: choiceField(['authority', 'targetUrl', 'sourceDomain', 'firstSeen', 'status'], 'sort column').default('authority'),
  order: orderField.default('desc'),
  limit: limitField(100, 1000),
  offset: offsetField,
});
export type BrokenBacklinksQuery = z.input<typeof brokenBacklinksQuery>;
