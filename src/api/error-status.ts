import type { VouchErrorCode } from '../core/errors.js';

/**
 * The one map from error codes to HTTP statuses. Codes not listed are server-side failures (500),
 * whose details stay in the server log and never reach the client.
 */
const STATUS: Partial<Record<VouchErrorCode, number>> = {
  USAGE: 400,
  INVALID_INPUT: 400,
  INVALID_URL: 400,
  INVALID_CONFIG: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  STORE_LOCKED: 503,
  STORE_UNSUPPORTED: 501,
};

/** The HTTP status for an error code. */
export function statusForCode(code: VouchErrorCode): number {
  return STATUS[code] ?? 500;
}
