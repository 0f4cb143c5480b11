import type { ValidationIssue } from '../core/errors.js';

/** An RFC 9457 problem details object, as every API error is answered. */
export interface Problem {
  /** `about:blank`: the status code says what kind of problem it is; `code` refines it. */
  type: 'about:blank';
  /** The HTTP status phrase. */
  title: string;
  status: number;
  /** What went wrong, for a human. */
  detail: string;
  /** The request path. */
  instance: string;
  /** Vouch's error code (VouchErrorCode), stable for programs. */
  code: string;
  /** For 400: each bad parameter and why (RFC 9457's example extension). */
  'invalid-params'?: Array<{ name: string; reason: string }>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Build the problem details for a status, detail and code. */
export function problem(status: number, detail: string, code: string, instance: string, issues?: readonly ValidationIssue[]): Problem {
  const p: Problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance, code };
  if (issues && issues.length > 0) p['invalid-params'] = issues.map((i) => ({ name: i.where, reason: i.message }));
  return p;
}
