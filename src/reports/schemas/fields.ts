/**
 * Field builders for report filters. One schema serves the CLI (commander strings and booleans) and
 * the API (query strings), so every field accepts text and coerces it; the parsed output is typed.
 */
import { z } from 'zod';

/** Schemas whose JSON-schema rendering is replaced for OpenAPI and CLI flags (see {@link fieldShape}). */
const SHAPES = new WeakMap<z.ZodType, FieldShape>();

/** How a field is written on a command line or in a query string. */
export type FieldShape = { kind: 'boolean' } | { kind: 'list'; values: readonly string[] | null };

/** The flag or query shape registered for a schema (through `.optional()` and `.default()`), if it is a boolean or a list field. */
export function fieldShape(schema: z.ZodType): FieldShape | undefined {
  let current: z.ZodType | undefined = schema;
  while (current !== undefined) {
    const shape = SHAPES.get(current);
    if (shape) return shape;
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    current = def.type === 'optional' || def.type === 'default' || def.type === 'prefault' ? def.innerType : undefined;
  }
  return undefined;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** true/false (also 1/0, yes/no, on/off), from a query string or a CLI switch. */
export function booleanField(description: string) {
  const schema = z
    .union([z.boolean(), z.string()])
    .transform((v, ctx) => {
      if (typeof v === 'boolean') return v;
      const t = v.trim().toLowerCase();
      if (TRUE.has(t)) return true;
      if (FALSE.has(t)) return false;
      ctx.addIssue({ code: 'custom', message: 'expected true or false' });
      return z.NEVER;
    })
    .meta({ description });
  SHAPES.set(schema, { kind: 'boolean' });
  return schema;
}

function splitList(v: string | readonly string[]): string[] {
  const parts = typeof v === 'string' ? [v] : v;
  return parts.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p.length > 0);
}

/** A set of choices, written `a,b` or repeated (`?kind=a&kind=img`, `--kind a --kind img`). */
export function enumListField<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  const schema = z
    .union([z.string(), z.array(z.string())])
    .transform(splitList)
    .pipe(z.array(z.enum(values, { error: `expected one or more of ${values.join(', ')}` })).min(1, 'expected at least one value'))
    .meta({ description: `${description} (one or more of ${values.join(', ')}, comma-separated or repeated)` });
  SHAPES.set(schema, { kind: 'list', values });
  return schema;
}

/** A list of free strings, comma-separated or repeated; each item is checked by `item`. */
export function stringListField(description: string, item: z.ZodString = z.string().max(200), maxItems = 100) {
  const schema = z
    .union([z.string(), z.array(z.string())])
    .transform(splitList)
    .pipe(z.array(item).max(maxItems, `expected at most ${maxItems} values`))
    .meta({ description: `${description} (comma-separated or repeated)` });
  SHAPES.set(schema, { kind: 'list', values: null });
  return schema;
}

/** A whole number in [min, max]. */
export function integerField(min: number, max: number, description: string) {
  return z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .meta({ description });
}

/** A number in [min, max]. */
export function numberField(min: number, max: number, description: string) {
  return z.coerce
    .number({ error: 'expected a number' })
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .meta({ description });
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * An ISO date (`2026-01-31`) or date-time with offset (`2026-01-31T12:00:00Z`), in UTC.
 * `end: true` turns it into an exclusive upper bound: a bare date means the end of that day.
 */
export function instantField(description: string, end = false) {
  return z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time' })
    .transform((v) => {
      const at = new Date(DATE_ONLY.test(v) ? `${v}T00:00:00Z` : v);
      return end ? new Date(at.getTime() + (DATE_ONLY.test(v) ? DAY_MS : 1)) : at;
    })
    .meta({ description });
}

/** One of a set of choices. */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: `expected one of ${values.join(', ')}` }).meta({ description });
}

/** A non-empty string of bounded length. */
export function textField(description: string, maxLength = 500) {
  return z
    .string()
    .trim()
    .min(1, 'expected a non-empty value')
    .max(maxLength, `expected at most ${maxLength} characters`)
    .meta({ description });
}

/** The sort direction every report takes. */
export const orderField = choiceField(['asc', 'desc'], 'sort direction');

/** Rows per page. */
export function limitField(defaultLimit: number, maxLimit: number) {
  return integerField(1, maxLimit, `rows to return (at most ${maxLimit})`).default(defaultLimit);
}

/** Rows to skip. */
export const offsetField = integerField(0, 10_000_000, 'rows to skip').default(0);

/** The target: its name, id, or stored value. */
export const targetField = textField('the target: its name, id, or stored value (URL, prefix, host or domain)', 2000);
