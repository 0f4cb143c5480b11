/**
 * Inputs of the audit operations, shared by the API (query strings and JSON bodies) and any other
 * caller, validated with zod at the edge.
 */
import { z } from 'zod';
import { MARKERS } from './markers/marker-table.js';
import type { MarkerId } from './types.js';

const target = z.string().trim().min(1, 'expected a non-empty value').max(2000, 'expected at most 2000 characters').meta({ description: 'the target: its name, id, or stored value' });
const number = (min: number, max: number, description: string) =>
  z.coerce.number({ error: 'expected a number' }).min(min, `expected at least ${min}`).max(max, `expected at most ${max}`).meta({ description });
const integer = (min: number, max: number, description: string) =>
  z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(min, `expected at least ${min}`).max(max, `expected at most ${max}`).meta({ description });
const MARKER_IDS = MARKERS.map((m) => m.id) as [MarkerId, ...MarkerId[]];

/** `GET /targets/:target/audit`: the stored audit, most toxic first. */
export const auditQuery = z.strictObject({
  target,
  minToxicity: number(0, 100, 'only domains at least this toxic').optional(),
  marker: z.enum(MARKER_IDS, { error: `expected one of ${MARKER_IDS.join(', ')}` }).meta({ description: 'only domains where this marker fired' }).optional(),
  search: z.string().trim().max(253, 'expected at most 253 characters').meta({ description: 'domain contains this text' }).optional(),
  limit: integer(1, 1000, 'rows per page').default(100),
  offset: integer(0, 1_000_000_000, 'rows to skip').default(0),
});
export type AuditQuery = z.output<typeof auditQuery>;

const keyword = z.string().trim().min(1).max(200, 'expected at most 200 characters');

/** `POST /targets/:target/audit`: run the audit now. */
export const runAuditBody = z.strictObject({
  keywords: z.array(keyword).max(100, 'expected at most 100 keywords').meta({ description: 'commercial keywords (default: the target\'s)' }).optional(),
  threshold: number(0, 100, 'toxicity from which a domain counts as toxic').optional(),
});

/** `GET /targets/:target/disavow`. */
export const disavowListQuery = z.strictObject({
  target,
  source: z.enum(['all', 'user', 'audit'], { error: 'expected one of all, user, audit' }).meta({ description: 'who added the entries' }).default('all'),
});

/** `POST` and `DELETE /targets/:target/disavow`: domains and/or URLs. */
export const disavowBody = z
  .strictObject({
    domains: z.array(z.string().trim().min(1).max(253, 'expected at most 253 characters')).max(10_000, 'expected at most 10000 domains').meta({ description: 'domains (punycode or Unicode)' }).optional(),
    urls: z.array(z.string().trim().min(1).max(2048, 'expected at most 2048 characters')).max(10_000, 'expected at most 10000 URLs').meta({ description: 'http(s) URLs of linking pages' }).optional(),
    comment: z.string().max(500, 'expected at most 500 characters').meta({ description: 'why (written as a comment in the file)' }).optional(),
  })
  .refine((b) => (b.domains?.length ?? 0) + (b.urls?.length ?? 0) > 0, { message: 'expected domains or urls', path: ['domains'] });

/** `GET /targets/:target/disavow.txt`. */
export const disavowFileQuery = z.strictObject({
  target,
  threshold: number(0, 100, 'toxicity from which a domain is disavowed').default(70),
  level: z.enum(['domain', 'url'], { error: 'expected one of domain, url' }).meta({ description: 'domain: lines or URL lines' }).default('domain'),
});

/** `GET /targets/:target/whitelist`. */
export const overrideListQuery = z.strictObject({
  target,
  list: z.enum(['whitelist', 'blacklist', 'all'], { error: 'expected one of whitelist, blacklist, all' }).meta({ description: 'which list' }).default('whitelist'),
});

/** `POST` and `DELETE /targets/:target/whitelist`. */
export const overrideBody = z.strictObject({
  domains: z.array(z.string().trim().min(1).max(253, 'expected at most 253 characters')).min(1, 'expected at least one domain').max(10_000, 'expected at most 10000 domains').meta({ description: 'referring domains' }),
  list: z.enum(['whitelist', 'blacklist'], { error: 'expected whitelist or blacklist' }).meta({ description: 'whitelist (never toxic) or blacklist (always toxic)' }).default('whitelist'),
  comment: z.string().max(500, 'expected at most 500 characters').optional(),
});
