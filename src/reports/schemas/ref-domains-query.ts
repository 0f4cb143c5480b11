import { z } from 'zod';
import { choiceField, instantField, integerField, limitField, numberField, offsetField, orderField, targetField, textField } from './fields.js';

export const REF_DOMAIN_SORTS = ['authority', 'toxicity', 'domain', 'links', 'liveLinks', 'followedLinks', 'firstSeen', 'lastSeen'] as const;
export type RefDomainSort = (typeof REF_DOMAIN_SORTS)[number];

/** `vouch refdomains` and `GET /api/v1/targets/:target/refdomains`. */
export const refDomainsQuery = z.strictObject({
  target: targetField,
  state: choiceField(['live', 'lost', 'all'], 'domains with a live link, domains whose links are all lost, or both').default('live'),
  minAuthority: numberField(0, 100, 'authority at least this (domains not yet ranked are left out)').optional(),
  maxAuthority: numberField(0, 100, 'authority at most this (domains not yet ranked are left out)').optional(),
  minToxicity: numberField(0, 100, 'toxicity at least this (domains not yet audited are left out)').optional(),
  maxToxicity: numberField(0, 100, 'toxicity at most this (domains not yet audited are kept)').optional(),
  minLinks: integerField(0, 1_000_000_000, 'at least this many links, live or lost').optional(),
  minFollowedLinks: integerField(0, 1_000_000_000, 'at least this many live followed links').optional(),
  firstSeenFrom: instantField('first link seen on or after this date').optional(),
  firstSeenTo: instantField('first link seen on or before this date', true).optional(),
  lastSeenFrom: instantField('a link last seen on or after this date').optional(),
  lastSeenTo: instantField('every link last seen on or before this date', true).optional(),
  search: textField('domain name contains this', 253).optional(),
  sort: choiceField(REF_DOMAIN_SORTS, 'sort column').default('liveLinks'),
  order: orderField.default('desc'),
  limit: limitField(100, 1000),
  offset: offsetField,
});
export type RefDomainsQuery = z.input<typeof refDomainsQuery>;
