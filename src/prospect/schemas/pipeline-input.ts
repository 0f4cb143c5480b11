import { z } from 'zod';
import { enumListField, textField } from '../../reports/index.js';
import { PROSPECT_STATUSES } from '../prospect-status.js';
import { SOURCE_KIND } from '../prospect-defaults.js';

const KINDS = Object.values(SOURCE_KIND) as [string, ...string[]];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date, YYYY-MM-DD');
const tag = z.string().trim().min(1, 'expected a non-empty tag').max(50, 'expected at most 50 characters').regex(/^[^\s,]+$/, 'expected one word');

/** `GET /api/v1/prospects`: the pipeline, filtered. */
export const listProspectsInput = z.strictObject({
  target: textField('only prospects for this target (name, id or value)', 2000).optional(),
  status: enumListField(PROSPECT_STATUSES, 'only these statuses').optional(),
  kind: enumListField(KINDS, 'only these kinds').optional(),
  tag: tag.meta({ description: 'only prospects with this tag' }).optional(),
  dueBy: day.meta({ description: 'only prospects to follow up on or before this date (YYYY-MM-DD)' }).optional(),
});

/** `POST /api/v1/prospects/:id`: a change to one prospect. */
export const updateProspectBody = z.strictObject({
  status: z.enum(PROSPECT_STATUSES, { error: `expected one of ${PROSPECT_STATUSES.join(', ')}` }).optional(),
  followUp: day.nullable().optional(),
  tags: z.array(tag).max(50).optional(),
  addTags: z.array(tag).max(50).optional(),
  removeTags: z.array(tag).max(50).optional(),
  note: z.string().trim().min(1, 'expected some text').max(10_000, 'expected at most 10000 characters').optional(),
});

/** `POST /api/v1/prospects/:id/notes`. */
export const addNoteBody = z.strictObject({ text: z.string().trim().min(1, 'expected some text').max(10_000, 'expected at most 10000 characters') });

/** `POST /api/v1/prospects/:id/draft`: render only; the API never sends mail. */
export const draftBody = z.strictObject({
  template: z.strictObject({ subject: z.string().min(1).max(998), text: z.string().max(100_000).optional(), html: z.string().max(100_000).optional() }).optional(),
  yourUrl: z.string().max(2000).optional(),
  senderName: z.string().max(200).optional(),
  to: z.email('expected an email address').max(320).optional(),
  fields: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/i).max(50), z.string().max(2000)).optional(),
});

export const prospectIdParam = z.strictObject({ id: z.string().max(30).meta({ description: 'the prospect id' }) });
