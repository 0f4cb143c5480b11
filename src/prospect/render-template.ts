import { ValidationError } from '../core/errors.js';

/** An outreach email template. Merge fields are written `{{name}}` (letters, digits, underscores). */
export interface OutreachTemplate {
  subject: string;
  /** Plain-text body: fields go in as they are. */
  text?: string;
  /** HTML body: fields are HTML-escaped. */
  html?: string;
}

export interface RenderedEmail {
  subject: string;
  text?: string;
  html?: string;
}

/** Values of merge fields; undefined, null or blank means missing. */
export type MergeFields = Readonly<Record<string, string | null | undefined>>;

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[a-z][a-z0-9_]*$/i;

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A header value on one line: CR, LF and other control characters become spaces, so no header can be injected. */
export function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** The merge fields a template uses, in order of first use. */
export function templateFields(template: OutreachTemplate): string[] {
  const out = new Set<string>();
  for (const part of [template.subject, template.text ?? '', template.html ?? '']) for (const m of part.matchAll(FIELD)) out.add((m[1] as string).toLowerCase());
  return [...out];
}

/**
 * Fill a template's merge fields: escaped for HTML in the html body, on one line in the subject,
 * as they are in the text body.
 * @throws ValidationError (INVALID_INPUT) naming every missing field (a blank value is missing, never
 * an empty string in the mail) and every malformed `{{...}}`.
 * @example renderTemplate({ subject: 'Hi {{site}}', text: 'See {{your_url}}' }, { site: 'a.org', your_url: 'https://b.org/' })
 */
export function renderTemplate(template: OutreachTemplate, fields: MergeFields): RenderedEmail {
  if (template.text === undefined && template.html === undefined) throw new ValidationError('Invalid template: it has no body', [{ where: 'template', message: 'a text or html body is needed' }]);
  const values = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
  const issues: { where: string; message: string }[] = [];
  for (const name of templateFields(template)) {
    if (!NAME.test(name)) issues.push({ where: `{{${name}}}`, message: 'a field name is letters, digits and underscores' });
    else {
      const v = values.get(name);
      if (v === undefined || v === null || v.trim() === '') issues.push({ where: name, message: 'no value for this merge field' });
    }
  }
  if (issues.length > 0) throw new ValidationError(`Invalid template: missing or malformed merge fields: ${issues.map((i) => i.where).join(', ')}`, issues);
  const fill = (s: string, escape: (v: string) => string): string => s.replace(FIELD, (_m, name: string) => escape(values.get(name.toLowerCase()) as string));
  const out: RenderedEmail = { subject: headerSafe(fill(template.subject, headerSafe)) };
  if (template.text !== undefined) out.text = fill(template.text, (v) => v);
  if (template.html !== undefined) out.html = fill(template.html, escapeHtml);
  if (out.subject.length === 0) throw new ValidationError('Invalid template: the subject is empty', [{ where: 'subject', message: 'expected some text' }]);
  return out;
}

/**
 * Read a template file: a `Subject: ...` line, a blank line, then the body (HTML when `html` is
 * true, else plain text).
 * @throws ValidationError when the file does not start with a Subject line.
 */
export function parseTemplate(source: string, html = false): OutreachTemplate {
  const m = /^\uFEFF?subject:[ \t]*(.*?)\r?\n(?:\r?\n)?([\s\S]*)$/i.exec(source);
  if (m === null) throw new ValidationError('Invalid template: the first line must be "Subject: ..." and a blank line must follow it', [{ where: 'template', message: 'first line: Subject: ...' }]);
  const body = m[2] as string;
  return html ? { subject: m[1] as string, html: body } : { subject: m[1] as string, text: body };
}
