import { z } from 'zod';
import { choiceField, integerField, limitField, numberField, offsetField, orderField, stringListField, targetField } from './fields.js';

export const MAX_COMPETITORS = 10;

const competitor = z.string().trim().min(1, 'expected a non-empty competitor').max(2000, 'expected at most 2000 characters');

/** `vouch intersect` and `GET /api/v1/targets/:target/intersect`. */
export const linkIntersectQuery = z.strictObject({
  target: targetField,
  competitor: stringListField(`competitors: target names, domains, hosts or URLs (at most ${MAX_COMPETITORS}; default: every stored competitor)`, competitor, MAX_COMPETITORS).optional(),
  min: integerField(1, MAX_COMPETITORS, 'link to at least this many competitors').default(1),
  minAuthority: numberField(0, 100, 'domain authority at least this (domains not yet ranked are left out)').optional(),
  sort: choiceField(['competitors', 'authority', 'domain', 'links'], 'sort column').default('competitors'),
  order: orderField.default('desc'),
  limit: limitField(100, 1000),
  offset: offsetField,
});
export type LinkIntersectQuery = z.input<typeof linkIntersectQuery>;
