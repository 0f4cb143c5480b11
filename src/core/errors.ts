/**
 * Errors are classes with a `code`, sorted by what the caller does next:
 * retry, skip (non-retryable), abort the job (critical), not found, or fix the input (validation).
 * Tests assert the class and the code, never the message text.
 */

export type VouchErrorCode =
  // usage and input
  | 'USAGE'
  | 'INVALID_INPUT'
  | 'INVALID_URL'
  | 'INVALID_CONFIG'
  // store
  | 'STORE_LOCKED'
  | 'STORE_CORRUPT'
  | 'STORE_TOO_NEW'
  | 'STORE_UNWRITABLE'
  | 'STORE_FAILED'
  | 'STORE_UNSUPPORTED'
  // network and crawl
  | 'NETWORK'
  | 'TIMEOUT'
  | 'HTTP_STATUS'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_LOOP'
  | 'SSRF_BLOCKED'
  | 'ROBOTS_DISALLOWED'
  | 'ROBOTS_UNAVAILABLE'
  | 'NOT_HTML'
  | 'DECODE'
  | 'FRONTIER_UNAVAILABLE'
  // generic
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'INTERNAL'
  // api and user state
  | 'FORBIDDEN'
  | 'CONFLICT'
  // outreach
  | 'OPTED_OUT'
  | 'DAILY_LIMIT';

export interface VouchErrorOptions {
  cause?: unknown;
}

export class VouchError extends Error {
  readonly code: VouchErrorCode;
  constructor(code: VouchErrorCode, message: string, options: VouchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}

/** Try again later: the same call may succeed (network blip, 5xx, 429, lock contention). */
export class RetryableError extends VouchError {
  /** Milliseconds the caller should wait before retrying, when the peer said (Retry-After). */
  readonly retryAfterMs: number | null;
  constructor(code: VouchErrorCode, message: string, options: VouchErrorOptions & { retryAfterMs?: number | null } = {}) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Skip this item and go on: retrying will not help (4xx, too large, blocked by robots.txt). */
export class NonRetryableError extends VouchError {}

/** Abort the whole job: going on would lose or corrupt data (store locked, corrupt, too new). */
export class CriticalError extends VouchError {}

/** The thing asked for does not exist. */
export class NotFoundError extends VouchError {
  constructor(message: string, options: VouchErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

/** One problem with some input, located as precisely as we can. */
export interface ValidationIssue {
  /** File, line and column, field path, or flag name. */
  where: string;
  message: string;
}

/** The input is wrong; the message names the file, line or field. */
export class ValidationError extends VouchError {
  readonly issues: readonly ValidationIssue[];
  constructor(message: string, issues: readonly ValidationIssue[] = [], options: VouchErrorOptions & { code?: VouchErrorCode } = {}) {
    super(options.code ?? 'INVALID_INPUT', message, options);
    this.issues = issues;
  }
}

/** Narrow an unknown thrown value to a VouchError, wrapping anything else as INTERNAL. */
export function toVouchError(err: unknown): VouchError {
  if (err instanceof VouchError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new VouchError('INTERNAL', message, { cause: err });
}
