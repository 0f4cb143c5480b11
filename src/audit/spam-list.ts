/**
 * Known spam domains: the bundled list (data/matomo-referrer-spammers.txt, public domain) plus the
 * user's own files. A list file has one domain or host a line; `#` comments, blank lines and a
 * `domain:` prefix (so a disavow file works as a list) are allowed.
 */
import { readFile } from 'node:fs/promises';
import { domainToASCII } from 'node:url';
import { ValidationError } from '../core/errors.js';
import type { ValidationIssue } from '../core/errors.js';
import { isHostName } from './disavow/disavow-rules.js';

export const BUNDLED_SPAM_LIST = new URL('./data/matomo-referrer-spammers.txt', import.meta.url);

/** The names of one list's text. @throws ValidationError INVALID_INPUT naming each bad line (up to 20). */
export function parseSpamList(text: string, where: string): string[] {
  const names: string[] = [];
  const issues: ValidationIssue[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim().replace(/^domain:/i, '').replace(/^\*\./, '').replace(/\.$/, '');
    if (line === '') return;
    const ascii = domainToASCII(line.toLowerCase());
    if (isHostName(ascii)) names.push(ascii);
    else if (issues.length < 20) issues.push({ where: `${where}:${i + 1}`, message: `not a domain name: ${JSON.stringify(raw.trim().slice(0, 100))}` });
  });
  if (issues.length > 0) throw new ValidationError(`${where}: ${issues.length} line(s) are not domain names, first at ${issues[0]!.where}`, issues);
  return names;
}

/**
 * The bundled list and every file in `files`, as one set of lower-case punycode names.
 * @example const spam = await loadSpamList(['my-spammers.txt']);
 */
export async function loadSpamList(files: readonly string[] = []): Promise<Set<string>> {
  const names = new Set(parseSpamList(await readFile(BUNDLED_SPAM_LIST, 'utf8'), 'bundled spam list'));
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new ValidationError(`--spam-list ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, [{ where: '--spam-list', message: file }], { code: 'INVALID_CONFIG', cause: err });
    }
    for (const n of parseSpamList(text, file)) names.add(n);
  }
  return names;
}
