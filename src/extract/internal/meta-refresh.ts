/**
 * The URL of a `<meta http-equiv=refresh content="5; url=...">`, following the WHATWG
 * "shared declarative refresh steps": a time, then `;` or `,`, then an optional `url=` and an
 * optionally quoted URL. Returns null when the content has no URL (a plain reload).
 */
export function parseMetaRefreshUrl(content: string): string | null {
  const n = content.length;
  let i = skipSpace(content, 0);
  const timeStart = i;
  while (i < n && isDigitOrDot(content.charCodeAt(i))) i++;
  if (i === timeStart) return null;
  i = skipSpace(content, i);
  if (i < n && (content[i] === ';' || content[i] === ',')) i = skipSpace(content, i + 1);
  else if (i < n) return null; // junk after the time
  if (i >= n) return null;
  if (n - i >= 3 && content.slice(i, i + 3).toLowerCase() === 'url') {
    const j = skipSpace(content, i + 3);
    if (j < n && content[j] === '=') i = skipSpace(content, j + 1);
  }
  let url: string;
  const q = content[i];
  if (q === '"' || q === "'") {
    const end = content.indexOf(q, i + 1);
    url = end === -1 ? content.slice(i + 1) : content.slice(i + 1, end);
  } else {
    url = content.slice(i);
  }
  url = url.trim();
  return url.length === 0 ? null : url;
}

function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) break;
    i++;
  }
  return i;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}
