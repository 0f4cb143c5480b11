/**
 * Merge generated entries into the user's existing disavow file. The user's file is kept line for
 * line (comments, manual entries, blank lines, in order); a line Google would reject is kept as a
 * comment, so nothing the user wrote is lost and the result is still accepted. The generated
 * entries follow under their own header, leaving out what the user's entries already cover.
 */
import type { ParsedDisavow } from './parse-disavow.js';
import { writeDisavow, type DisavowWriteEntry, type WriteDisavowOptions, type WrittenDisavow } from './write-disavow.js';

/** Prefix of a user line that was invalid and is kept as a comment. */
export const INVALID_LINE_PREFIX = '# [vouch: invalid line kept as a comment] ';

/**
 * The merged file.
 * @example mergeDisavow(parseDisavow(await readFile('old.txt')), generated, { header: ['Added by Vouch'] })
 * @throws ValidationError TOO_LARGE when the user's file plus the new entries cannot fit.
 */
export function mergeDisavow(existing: ParsedDisavow, generated: readonly DisavowWriteEntry[], options: Omit<WriteDisavowOptions, 'preamble' | 'covered'> = {}): WrittenDisavow {
  const preamble = existing.lines.map((l) => {
    if (l.type === 'invalid') return INVALID_LINE_PREFIX + l.raw.replace(/[\r\n]/g, ' ');
    if (l.type === 'domain' && /[\u0080-\uFFFF]/.test(l.raw)) return `domain:${l.entry!.value}`; // IDN → punycode, as Google asks
    return l.raw;
  });
  return writeDisavow(generated, { ...options, preamble, covered: existing.entries });
}
