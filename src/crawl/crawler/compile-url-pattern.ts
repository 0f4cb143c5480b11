import { ValidationError } from '../../core/errors.js';

/**
 * Compile an --include/--exclude pattern into a URL test.
 * - `/source/flags` or `re:source`: a regular expression, searched anywhere in the URL;
 * - anything else: a glob that must match the whole URL, where `*` matches any run of characters
 *   (slashes too) and every other character is literal (`?` and `.` included, being common in URLs).
 * @example compileUrlPattern('*\/calendar/*')('http://a.test/calendar/2024/01') // true
 * @example compileUrlPattern('/\\?page=\\d{3,}/')('http://a.test/list?page=100') // true
 * @throws ValidationError (INVALID_INPUT) for a regular expression that does not compile.
 */
export function compileUrlPattern(pattern: string, flag = 'pattern'): (url: string) => boolean {
  let source: string | null = null;
  let flags = '';
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  if (slashed !== null) {
    source = slashed[1]!;
    flags = slashed[2]!;
  } else if (pattern.startsWith('re:')) {
    source = pattern.slice(3);
  }
  if (source === null) {
    const glob = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$', 's');
    return (url) => glob.test(url);
  }
  let re: RegExp;
  try {
    re = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch (err) {
    throw new ValidationError(`${flag} ${JSON.stringify(pattern)} is not a valid regular expression`, [{ where: flag, message: (err as Error).message }], { cause: err, code: 'INVALID_CONFIG' });
  }
  return (url) => re.test(url);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
