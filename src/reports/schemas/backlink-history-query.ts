import { z } from 'zod';
import { choiceField, instantField, targetField } from './fields.js';

/** `vouch history` and `GET /api/v1/targets/:target/history`. */
export const backlinkHistoryQuery = z.strictObject({
  target: targetField,
  from: instantField('first day to show (UTC); default: the first event').optional(),
  to: instantField('last day to show (UTC); default: the last event', true).optional(),
  interval: choiceField(['day', 'week', 'month'], 'bucket size (weeks start on Monday, UTC)').default('day'),
});
export type BacklinkHistoryQuery = z.input<typeof backlinkHistoryQuery>;
