import { NonRetryableError, RetryableError, VouchError } from '../../../core/errors.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
/** Failures a second try will not cure: a malformed response, a bad certificate, oversized headers. */
const PERMANENT_PREFIXES = ['HPE_', 'ERR_TLS_', 'CERT_', 'DEPTH_ZERO_', 'SELF_SIGNED_', 'UNABLE_TO_', 'ERR_SSL_'];

/**
 * Sort a failure by what the crawler does next: TIMEOUT and NETWORK (reset, refused, closed
 * mid-body) are retryable; a malformed HTTP message (bad chunked encoding), TLS trouble and
 * oversized headers are not. VouchErrors pass through.
 */
export function toFetchError(err: unknown, url: string, timedOut: boolean): Error {
  if (err instanceof VouchError) return err;
  if (timedOut) return new RetryableError('TIMEOUT', `${url}: no complete answer within the total timeout`, { cause: err });
  const code = errorCode(err);
  const detail = `${url}: ${code ?? (err instanceof Error ? err.message : String(err))}`;
  if (code !== null && TIMEOUT_CODES.has(code)) return new RetryableError('TIMEOUT', `timed out (${detail})`, { cause: err });
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return new NonRetryableError('TOO_LARGE', `response headers too large (${detail})`, { cause: err });
  if ((code !== null && PERMANENT_PREFIXES.some((p) => code.startsWith(p))) || hasParserError(err)) return new NonRetryableError('NETWORK', `bad response (${detail})`, { cause: err });
  return new RetryableError('NETWORK', `network error (${detail})`, { cause: err });
}

function errorCode(err: unknown): string | null {
  // undici wraps parser and socket errors; the useful code may sit on the cause.
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR_ABORTED') return code;
    if (typeof code === 'string' && (e as { cause?: unknown }).cause === undefined) return code;
  }
  return null;
}

/** undici's HTTPParserError sometimes carries no code, only its name. */
function hasParserError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === 'HTTPParserError') return true;
  }
  return false;
}
