import type { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import type { ValidationIssue } from '../core/errors.js';

/**
 * Validate a report's input against its schema. Every entry point (CLI, API, code) goes through
 * here, so a bad value always ends as a ValidationError (INVALID_INPUT) naming the parameter.
 * @throws ValidationError with one issue per bad parameter; `where` is the parameter name.
 */
export function parseReportInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: ValidationIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ where: key, message: 'unknown parameter' });
    } else {
      issues.push({ where: issue.path.length > 0 ? String(issue.path[0]) : 'input', message: issue.message });
    }
  }
  const summary = issues.map((i) => `${i.where}: ${i.message}`).join('; ');
  throw new ValidationError(`Invalid parameter ${summary}`, issues);
}
