import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { toVouchError, ValidationError } from '../core/errors.js';
import { statusForCode } from './error-status.js';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * The app's single error handler: any error becomes RFC 9457 problem details, with the status
 * from statusForCode. A 5xx never carries the underlying message (it may hold SQL or paths); it
 * goes to `log` instead.
 */
export function handleError(err: unknown, c: Context, log: (err: unknown) => void): Response {
  const instance = new URL(c.req.url).pathname;
  let status: number;
  let body;
  if (err instanceof HTTPException) {
    status = err.status;
    body = problem(status, err.message || 'The request could not be handled', status === 413 ? 'TOO_LARGE' : status >= 500 ? 'INTERNAL' : 'USAGE', instance);
  } else {
    const e = toVouchError(err);
    status = statusForCode(e.code);
    const detail = status >= 500 ? 'The server failed to answer this request; the details are in its log.' : e.message;
    body = problem(status, detail, e.code, instance, e instanceof ValidationError ? e.issues : undefined);
  }
  if (status >= 500) log(err);
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (status === 401) headers['www-authenticate'] = `Bearer realm="vouch"${body.code === 'UNAUTHORIZED' && c.req.header('authorization') ? ', error="invalid_token"' : ''}`;
  if (status === 403) headers['www-authenticate'] = 'Bearer realm="vouch", error="insufficient_scope"';
  return new Response(JSON.stringify(body), { status, headers });
}
