import { z } from 'zod';
import { targetField } from './fields.js';

/** `GET /api/v1/targets/:target/summary`. */
export const targetSummaryQuery = z.strictObject({ target: targetField });
export type TargetSummaryQuery = z.input<typeof targetSummaryQuery>;
