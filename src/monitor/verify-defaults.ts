import { ValidationError } from '../core/errors.js';
import type { ValidationIssue } from '../core/errors.js';
import { DEFAULT_USER_AGENT } from '../crawl/index.js';
import type { VerifyOptions } from './types.js';

/** One source for every verify default; CLI flags and schedules parse into VerifyOptions. */
export const VERIFY_DEFAULTS = {
  concurrency: 8,
  perHost: 1,
  delayMs: 1_000,
  userAgent: DEFAULT_USER_AGENT,
  resolve: [],
  allowPrivate: false,
  timeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxAttempts: 3,
  retryBaseDelayMs: 2_000,
  failuresBeforeLost: 3,
  recheckLost: true,
  fresh: false,
} satisfies Required<VerifyOptions>;

export type ResolvedVerifyOptions = Required<VerifyOptions>;

const MINIMUMS: Partial<Record<keyof VerifyOptions, number>> = {
  concurrency: 1,
  perHost: 1,
  delayMs: 0,
  timeoutMs: 1,
  maxBytes: 1,
  maxAttempts: 1,
  retryBaseDelayMs: 0,
  failuresBeforeLost: 1,
};

/**
 * Merge the defaults once, at the entry, and check the numbers.
 * @throws ValidationError naming each option that is not a whole number at or above its minimum.
 */
export function resolveVerifyOptions(options: VerifyOptions = {}): ResolvedVerifyOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as VerifyOptions;
  const o = { ...VERIFY_DEFAULTS, ...defined };
  const issues: ValidationIssue[] = [];
  for (const [key, min] of Object.entries(MINIMUMS) as [keyof VerifyOptions, number][]) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) issues.push({ where: key, message: `expected a whole number of at least ${min}` });
  }
  if (issues.length > 0) throw new ValidationError(`invalid verify options: ${issues.map((i) => i.where).join(', ')}`, issues);
  return o;
}
