import type { Context } from 'hono';
import { ValidationError } from '../../core/errors.js';

/**
 * The query string as an object: a parameter given once is a string, given more than once an array
 * (list filters accept both; any other parameter then fails validation, naming itself). Path
 * parameters are merged in; giving one again in the query is an error.
 */
export function queryInput(c: Context, pathParams: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const search = new URL(c.req.url).searchParams;
  for (const key of new Set(search.keys())) {
    if (key in pathParams) throw new ValidationError(`Invalid parameter ${key}: it is part of the path`, [{ where: key, message: 'given in the path; remove it from the query' }]);
    const values = search.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return { ...out, ...pathParams };
}
