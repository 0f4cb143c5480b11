import { z } from 'zod';
import { REL_CLASSES } from './backlinks-query.js';
import { booleanField, choiceField, enumListField, integerField, limitField, offsetField, orderField, textField } from './fields.js';

/** `vouch outlinks` and `GET /api/v1/sites/:site/outlinks`. */
export const outlinksQuery = z.strictObject({
  site: textField('the site: a target name or id, or a domain, host or URL', 2000),
  rel: enumListField(REL_CLASSES, 'count only links of these rel classes').optional(),
  reciprocal: booleanField('only domains that link back to the site (true), or only those that do not (false)').optional(),
  minLinks: integerField(1, 1_000_000_000, 'at least this many links to the domain').optional(),
  sort: choiceField(['links', 'followedLinks', 'linksBack', 'authority', 'domain', 'firstSeen'], 'sort column').default('links'),
  order: orderField.default('desc'),
  limit: limitField(100, 1000),
  offset: offsetField,
});
export type OutlinksQuery = z.input<typeof outlinksQuery>;
