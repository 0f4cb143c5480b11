import { z } from 'zod';
import { booleanField, choiceField, stringListField, targetField, textField } from './fields.js';

const SCOPES = ['exact', 'prefix', 'host', 'domain'] as const;
const term = z.string().trim().min(1, 'expected a non-empty term').max(200, 'expected at most 200 characters');

/** `vouch targets add` and `POST /api/v1/targets`. */
export const addTargetInput = z.strictObject({
  value: textField('the site: a domain, host, URL prefix (ending in /) or exact URL', 2000),
  name: textField('a short name to refer to the target (default: the normalised value)', 100)
    .refine((v) => !/^\d+$/.test(v), 'must not be a plain number (numbers refer to ids)')
    .optional(),
  scope: choiceField(SCOPES, 'override the detected scope').optional(),
  competitor: booleanField('a competitor rather than your own site').default(false),
  brand: stringListField('brand terms, for anchor classification', term).default([]),
  keywords: stringListField('money keywords, for anchor classification', term).default([]),
});
export type AddTargetInput = z.input<typeof addTargetInput>;

/** `vouch targets list` and `GET /api/v1/targets`. */
export const listTargetsInput = z.strictObject({
  kind: choiceField(['all', 'own', 'competitor'], 'which targets to list').default('all'),
});
export type ListTargetsInput = z.input<typeof listTargetsInput>;

/** `vouch targets remove` and `DELETE /api/v1/targets/:target`. */
export const targetRefInput = z.strictObject({ target: targetField });
export type TargetRefInput = z.input<typeof targetRefInput>;
