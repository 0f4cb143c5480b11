/**
 * Retry-After (RFC 9110 10.2.3) in milliseconds from `nowMs`: delay-seconds or an HTTP-date
 * (a date in the past gives 0). Null when absent or unreadable.
 * @example parseRetryAfter('120') // 120000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the IMF-fixdate and its obsolete forms have letters; a bare number was handled above.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
