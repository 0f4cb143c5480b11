/**
 * Google's `ExtractUserAgent`: the leading run of [a-zA-Z_-], the product token that robots.txt
 * groups name. `Vouch/0.1 (+https://...)` gives `Vouch`; `Googlebot-News` stays whole.
 */
export function robotsProductToken(userAgent: string): string {
  let end = 0;
  while (end < userAgent.length && isTokenChar(userAgent.charCodeAt(end))) end++;
  return userAgent.slice(0, end);
}

/** Google's `IsValidUserAgentToObey`: a non-empty string of [a-zA-Z_-] only. */
export function isValidRobotsAgent(userAgent: string): boolean {
  return userAgent.length > 0 && robotsProductToken(userAgent) === userAgent;
}

function isTokenChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
}
