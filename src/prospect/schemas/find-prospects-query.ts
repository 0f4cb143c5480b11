import { z } from 'zod';
import { booleanField, enumListField, integerField, numberField, stringListField, textField } from '../../reports/index.js';
import { PROSPECT_DEFAULTS, PROSPECT_SOURCES } from '../prospect-defaults.js';

const site = z.string().trim().min(1, 'expected a non-empty competitor').max(2000, 'expected at most 2000 characters');
const word = z.string().trim().min(1, 'expected a non-empty keyword').max(200, 'expected at most 200 characters');

/** `vouch prospects` and `GET /api/v1/targets/:target/prospects`. */
export const findProspectsQuery = z.strictObject({
  target: textField('the target: its name, id, or stored value (URL, prefix, host or domain)', 2000),
  competitor: stringListField('competitors: target names, domains, hosts or URLs (default: every stored competitor)', site, 10).optional(),
  keywords: stringListField("keywords for relevance, added to the target's stored keywords and brand terms", word, 50).optional(),
  source: enumListField(PROSPECT_SOURCES, 'sources to run (default: all)').optional(),
  maxToxicity: numberField(0, 100, 'leave out domains whose audit toxicity is at least this').default(PROSPECT_DEFAULTS.maxToxicity),
  contacts: booleanField('look up contacts (emails, social profiles, contact pages) for each prospect').default(false),
  limit: integerField(1, 10_000, 'rows to return').default(PROSPECT_DEFAULTS.limit),
});
export type FindProspectsQuery = z.input<typeof findProspectsQuery>;
