/**
 * Write a disavow file that Google accepts (see disavow-rules.ts): ASCII `domain:` lines in
 * punycode, URL lines of at most 2,048 characters, `#` comments for the header and the reasons,
 * and at most 100,000 lines and 2 MB in all.
 *
 * When the entries do not fit, the writer gives up detail in this order, and says so in the result:
 * 1. the per-entry reason comments go;
 * 2. URL entries are folded into a `domain:` entry for their host.
 * If even that does not fit, it refuses with a ValidationError (code TOO_LARGE).
 * Lines given as `preamble` (the user's own file, when merging) are kept verbatim and never dropped.
 */
import { domainToASCII } from 'node:url';
import { ValidationError } from '../../core/errors.js';
import { DISAVOW_MAX_BYTES, DISAVOW_MAX_LINES, DISAVOW_MAX_URL_CHARS, isHostName, type DisavowEntry } from './disavow-rules.js';

export interface DisavowWriteEntry extends DisavowEntry {
  /** The reason, written as a `#` comment line above the entry. */
  comment?: string | null;
}

export interface WriteDisavowOptions {
  /** Comment lines for the top of the file (without the `#`), e.g. what generated it and when. */
  header?: readonly string[];
  /** Lines kept verbatim before the generated part (a merged user file); they count toward the limits. */
  preamble?: readonly string[];
  /** Entries the preamble already disavows: generated entries they cover are left out. */
  covered?: readonly DisavowEntry[];
}

export interface WrittenDisavow {
  /** The file, UTF-8 (in fact ASCII outside the preamble), LF line ends. */
  text: string;
  lines: number;
  bytes: number;
  /** The generated entries written (preamble entries not included). */
  entries: DisavowEntry[];
  /** Per-entry comments were dropped to fit. */
  commentsDropped: boolean;
  /** URL entries folded into domain entries to fit (or because the URL was over 2,048 characters). */
  folded: number;
}

function comment(text: string): string {
  // NOTE: one comment line per reason: a line break inside would start an uncommented line.
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return `# ${flat}`.trimEnd();
}

function asciiHost(value: string): string {
  const ascii = domainToASCII(value.trim().replace(/\.$/, '').toLowerCase());
  if (!isHostName(ascii)) throw new ValidationError(`not a valid domain name: ${JSON.stringify(value)}`, [{ where: 'domain', message: value }]);
  return ascii;
}

function hostOf(url: string): string {
  return asciiHost(new URL(url).hostname);
}

/** A host is covered by `domain:d` when it is d or a subdomain of d. */
function coveredBy(host: string, domains: ReadonlySet<string>): boolean {
  for (let h = host; ; ) {
    if (domains.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot === -1) return false;
    h = h.slice(dot + 1);
  }
}

/** Normalise, drop what is covered, fold URLs to domains when `fold`. */
function plan(entries: readonly DisavowWriteEntry[], covered: readonly DisavowEntry[], fold: boolean): { out: DisavowWriteEntry[]; folded: number } {
  let folded = 0;
  const domains = new Set(covered.filter((e) => e.kind === 'domain').map((e) => e.value));
  const urls = new Set(covered.filter((e) => e.kind === 'url').map((e) => e.value));
  const normal: DisavowWriteEntry[] = [];
  for (const e of entries) {
    if (e.kind === 'domain') {
      normal.push({ kind: 'domain', value: asciiHost(e.value), comment: e.comment ?? null });
      continue;
    }
    const url = e.value.trim();
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new ValidationError(`not an http(s) URL: ${JSON.stringify(url.slice(0, 200))}`, [{ where: 'url', message: url.slice(0, 200) }]);
    if (fold || url.length > DISAVOW_MAX_URL_CHARS) {
      folded++;
      normal.push({ kind: 'domain', value: hostOf(url), comment: e.comment ?? null });
    } else normal.push({ kind: 'url', value: url, comment: e.comment ?? null });
  }
  const out: DisavowWriteEntry[] = [];
  // NOTE: a subdomain entry next to its parent's is redundant but harmless; it is kept so that a
  // file read and written again lists the same entries. Entries the preamble covers are dropped.
  const own = new Set<string>();
  for (const e of normal) {
    if (e.kind === 'domain' && !own.has(e.value) && !coveredBy(e.value, domains)) {
      own.add(e.value);
      out.push(e);
    }
  }
  for (const d of own) domains.add(d);
  // NOTE: a second pass, so that a domain entry later in the list still covers an earlier URL.
  for (const e of normal) {
    if (e.kind === 'url' && !urls.has(e.value) && !coveredBy(hostOf(e.value), domains)) {
      urls.add(e.value);
      out.push(e);
    }
  }
  return { out, folded };
}

function render(preamble: readonly string[], header: readonly string[], entries: readonly DisavowWriteEntry[], withComments: boolean): string[] {
  const lines = [...preamble];
  if (preamble.length > 0 && (header.length > 0 || entries.length > 0)) lines.push('');
  for (const h of header) lines.push(comment(h));
  for (const e of entries) {
    if (withComments && e.comment) lines.push(comment(e.comment));
    lines.push(e.kind === 'domain' ? `domain:${e.value}` : e.value);
  }
  return lines;
}

function fits(lines: readonly string[]): { ok: boolean; text: string; bytes: number } {
  const text = lines.length === 0 ? '' : lines.join('\n') + '\n';
  const bytes = Buffer.byteLength(text, 'utf8');
  return { ok: lines.length <= DISAVOW_MAX_LINES && bytes <= DISAVOW_MAX_BYTES, text, bytes };
}

/**
 * The disavow file for `entries`.
 * @example writeDisavow([{ kind: 'domain', value: 'spam.test', comment: 'toxicity 91: link farm' }], { header: ['Vouch audit of acme.test'] }).text
 * @throws ValidationError INVALID_INPUT for an entry that is not a domain or http(s) URL; TOO_LARGE when nothing fits.
 */
export function writeDisavow(entries: readonly DisavowWriteEntry[], options: WriteDisavowOptions = {}): WrittenDisavow {
  const preamble = options.preamble ?? [];
  const header = options.header ?? [];
  const covered = options.covered ?? [];
  const attempts: [boolean, boolean][] = [[true, false], [false, false], [false, true]];
  for (const [withComments, fold] of attempts) {
    const { out, folded } = plan(entries, covered, fold);
    const lines = render(preamble, header, out, withComments);
    const f = fits(lines);
    if (f.ok) return { text: f.text, lines: lines.length, bytes: f.bytes, entries: out.map(({ kind, value }) => ({ kind, value })), commentsDropped: !withComments && out.some((e) => e.comment), folded };
  }
  const { out } = plan(entries, covered, true);
  const lines = render(preamble, header, out, false);
  const f = fits(lines);
  throw new ValidationError(
    `the disavow file would have ${lines.length} lines and ${f.bytes} bytes even with every URL folded into its domain; ` +
      `Google accepts at most ${DISAVOW_MAX_LINES} lines and ${DISAVOW_MAX_BYTES} bytes: raise --threshold, or split the entries`,
    [{ where: 'entries', message: `${out.length} entries` }],
    { code: 'TOO_LARGE' },
  );
}
