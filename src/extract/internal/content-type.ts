/** The lower-case MIME essence of a Content-Type value (`text/html`), or '' when there is none. */
export function mimeEssence(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s]*))/i;

/** The charset parameter of a Content-Type value, or null. */
export function charsetParam(contentType: string): string | null {
  const m = CHARSET_PARAM.exec(contentType);
  if (m === null) return null;
  const v = (m[1] ?? m[2] ?? m[3] ?? '').trim();
  return v.length === 0 ? null : v;
}
