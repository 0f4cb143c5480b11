import type { RobotsDirectiveKind } from '../types.js';

/**
 * Google's `GetKeyAndValueFrom`: drop the comment, trim, split at the first ':'; when there is no
 * colon, accept one run of spaces/tabs as the separator if the line has exactly two words
 * ("Disallow /x"). Returns null for lines that are not a key/value pair.
 */
export function robotsKeyValue(rawLine: string): { key: string; value: string } | null {
  // A NUL ends a C string, and the reference parser works on C strings.
  const nul = rawLine.indexOf('\0');
  let line = nul === -1 ? rawLine : rawLine.slice(0, nul);
  const hash = line.indexOf('#');
  if (hash !== -1) line = line.slice(0, hash);
  line = stripAsciiWhitespace(line);
  let sep = line.indexOf(':');
  if (sep === -1) {
    sep = firstBlank(line, 0);
    if (sep !== -1) {
      let valueStart = sep;
      while (valueStart < line.length && isBlank(line.charCodeAt(valueStart))) valueStart++;
      if (firstBlank(line, valueStart) !== -1) return null;
    }
  }
  if (sep === -1) return null;
  const key = stripAsciiWhitespace(line.slice(0, sep));
  if (key.length === 0) return null;
  return { key, value: stripAsciiWhitespace(line.slice(sep + 1)) };
}

/** Google's `ParsedRobotsKey::Parse`: prefix matches, case-insensitive, with frequent typos. */
export function robotsKeyKind(key: string): RobotsDirectiveKind {
  const k = key.toLowerCase();
  if (k.startsWith('user-agent') || k.startsWith('useragent') || k.startsWith('user agent')) return 'user-agent';
  if (k.startsWith('allow')) return 'allow';
  if (DISALLOW_SPELLINGS.some((s) => k.startsWith(s))) return 'disallow';
  if (k.startsWith('sitemap') || k.startsWith('site-map')) return 'sitemap';
  return 'unknown';
}

const DISALLOW_SPELLINGS = ['disallow', 'dissallow', 'dissalow', 'disalow', 'diasllow', 'disallaw'];

/** absl::ascii_isspace: space, \t, \n, \v, \f, \r. */
export function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function firstBlank(s: string, from: number): number {
  for (let i = from; i < s.length; i++) if (isBlank(s.charCodeAt(i))) return i;
  return -1;
}

function stripAsciiWhitespace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isAsciiSpace(s.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
