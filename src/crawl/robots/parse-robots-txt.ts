/**
 * robots.txt parser, a port of Google's reference parser (github.com/google/robotstxt, robots.cc)
 * as RFC 9309 describes it, Google's leniencies included: a missing colon, keys with typos
 * ("disalow", "useragent"), a BOM, \r line endings, over-long lines cut at 16,663 bytes.
 * It keeps every directive in order; `matchRobots` replays them per agent.
 */
import { escapeBinaryPattern } from './escape-robots-pattern.js';
import { robotsKeyKind, robotsKeyValue } from './internal/robots-key-value.js';
import { splitRobotsLines } from './internal/split-robots-lines.js';
import type { RobotsDirective, RobotsTxt } from './types.js';

/**
 * Parse a robots.txt body. Bytes are read as Google reads them (no charset decoding); a string is
 * encoded as UTF-8 first.
 * @example matchRobots(parseRobotsTxt('User-agent: *\nDisallow: /private'), 'Vouch', 'https://a.test/private/x').allowed // false
 */
export function parseRobotsTxt(body: Uint8Array | string): RobotsTxt {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const directives: RobotsDirective[] = [];
  const sitemaps = new Set<string>();
  const lineCount = splitRobotsLines(bytes, (line, text) => {
    const kv = robotsKeyValue(text);
    if (kv === null) return;
    const kind = robotsKeyKind(kv.key);
    // User-agent and sitemap values are not patterns, so the reference leaves them unescaped.
    const value = kind === 'user-agent' || kind === 'sitemap' ? kv.value : escapeBinaryPattern(kv.value);
    directives.push({ line, kind, key: kv.key, value });
    if (kind === 'sitemap' && value.length > 0) sitemaps.add(Buffer.from(value, 'latin1').toString('utf8'));
  });
  return { directives, sitemaps: [...sitemaps], lineCount };
}
