import { z } from 'zod';
import { fieldShape } from './schemas/fields.js';

/** One filter of a report schema, as a command-line option or a query parameter. */
export interface FilterSpec {
  /** The parameter name (camelCase), as the API takes it. */
  key: string;
  /** The command-line flag (kebab-case), with its value placeholder: `--min-authority <n>`. */
  flags: string;
  description: string;
  kind: 'boolean' | 'list' | 'value';
  /** Allowed values, when the field is a choice or a list of choices. */
  choices: string[] | null;
  /** The default, as the API and CLI apply it. */
  defaultValue: unknown;
  required: boolean;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The fields of a report's zod schema, described for a CLI option table or API documentation,
 * so that both faces list exactly what the report accepts.
 * @example describeFilters(backlinksQuery).map((f) => f.flags) // ['--target <value>', '--rel <list>', …]
 */
export function describeFilters(schema: z.ZodObject): FilterSpec[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string; enum?: string[]; default?: unknown }>;
    required?: string[];
  };
  const outputJson = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as { properties?: Record<string, { default?: unknown }> };
  const specs: FilterSpec[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const shape = fieldShape(field as z.ZodType);
    const prop = json.properties?.[key] ?? {};
    const kind = shape?.kind ?? 'value';
    const choices = shape?.kind === 'list' ? (shape.values ? [...shape.values] : null) : (prop.enum ?? null);
    const placeholder = kind === 'list' ? ' <list>' : kind === 'boolean' ? ' [bool]' : choices ? ' <choice>' : ' <value>';
    specs.push({
      key,
      flags: `--${kebab(key)}${placeholder}`,
      description: prop.description ?? key,
      kind,
      choices,
      defaultValue: outputJson.properties?.[key]?.default ?? prop.default,
      required: json.required?.includes(key) === true && prop.default === undefined,
    });
  }
  return specs;
}
