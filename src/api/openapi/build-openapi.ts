import { z } from 'zod';
import { describeFilters, fieldShape } from '../../reports/index.js';
import type { ApiRoute } from '../routes/api-route.js';

type JsonSchema = Record<string, unknown>;

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'about:blank: the status says what kind of problem it is' },
    title: { type: 'string', description: 'the HTTP status phrase' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'the request path' },
    code: { type: 'string', description: "Vouch's error code, stable for programs" },
    'invalid-params': {
      type: 'array',
      description: 'for 400: each bad parameter and why',
      items: { type: 'object', required: ['name', 'reason'], properties: { name: { type: 'string' }, reason: { type: 'string' } } },
    },
  },
};

const ERRORS = {
  BadRequest: 'a parameter is invalid; invalid-params names it and says why',
  Unauthorized: 'no valid bearer token',
  Forbidden: 'the token may only read',
  NotFound: 'unknown target, site or id',
  Conflict: 'the name is taken',
  TooLarge: 'the request body is too large',
  ServerError: 'the server failed; details are in its log',
} as const;

function problemRef(name: keyof typeof ERRORS): JsonSchema {
  return { $ref: `#/components/responses/${name}` };
}

/** The JSON schema of one field, as a query parameter: lists are arrays, switches booleans. */
function parameterSchema(field: z.ZodType, fromObject: JsonSchema | undefined, defaultValue: unknown): JsonSchema {
  const shape = fieldShape(field);
  let schema: JsonSchema;
  if (shape?.kind === 'list') schema = { type: 'array', items: shape.values ? { type: 'string', enum: [...shape.values] } : { type: 'string' } };
  else if (shape?.kind === 'boolean') schema = { type: 'boolean' };
  else schema = { ...(fromObject ?? { type: 'string' }) };
  delete schema.description;
  if (defaultValue !== undefined) schema.default = defaultValue;
  return schema;
}

function parameters(route: ApiRoute): JsonSchema[] {
  const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const out: JsonSchema[] = [];
  const schema = route.params;
  const json = schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema> }) : {};
  const specs = schema ? describeFilters(schema) : [];
  for (const name of pathNames) {
    const spec = specs.find((s) => s.key === name);
    out.push({ name, in: 'path', required: true, description: spec?.description ?? name, schema: { type: 'string' } });
  }
  for (const spec of specs) {
    if (pathNames.includes(spec.key)) continue;
    const field = schema!.shape[spec.key] as z.ZodType;
    const p: JsonSchema = { name: spec.key, in: 'query', required: spec.required, description: spec.description, schema: parameterSchema(field, json.properties?.[spec.key], spec.defaultValue) };
    if (spec.kind === 'list') Object.assign(p, { style: 'form', explode: true });
    out.push(p);
  }
  return out;
}

/**
 * The OpenAPI 3.1 document of the API, built from the same route declarations and zod schemas that
 * the server runs, so it lists every route and every parameter exactly as validated.
 */
export function buildOpenApi(routes: readonly ApiRoute[], info: { version: string; prefix: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = info.prefix + route.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, JsonSchema> = {
      [String(route.success.status)]: {
        description: route.success.description,
        content: { [route.success.contentType]: { schema: route.success.contentType === 'application/json' ? { type: 'object' } : { type: 'string' } } },
      },
    };
    if (route.params || route.body) responses['400'] = problemRef('BadRequest');
    if (!route.public) responses['401'] = problemRef('Unauthorized');
    if (route.write) responses['403'] = problemRef('Forbidden');
    if (route.notFound) responses['404'] = problemRef('NotFound');
    if (route.method === 'post') Object.assign(responses, { '409': problemRef('Conflict'), '413': problemRef('TooLarge') });
    responses['500'] = problemRef('ServerError');
    const op: JsonSchema = { operationId: route.operationId, summary: route.summary, tags: [route.tag], parameters: parameters(route), responses };
    if (route.description) op.description = route.description;
    if (route.public) op.security = [];
    if (route.body) {
      const body = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      delete body.$schema;
      op.requestBody = { required: true, content: { 'application/json': { schema: body } } };
    }
    (paths[path] ??= {})[route.method] = op;
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [name, description] of Object.entries(ERRORS)) responses[name] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vouch API',
      version: info.version,
      description: 'Backlink reports over the Vouch store. Every route but /health needs "Authorization: Bearer <token>" (vouch token create).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: 'meta' }, { name: 'targets' }, { name: 'reports' }, { name: 'audit', description: 'link audit: toxicity, disavow, whitelist' }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'a token from `vouch token create`' } },
      schemas: { Problem: PROBLEM_SCHEMA },
      responses,
    },
  };
}
