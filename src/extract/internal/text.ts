/** Text helpers for anchors, titles and context snippets. */

/**
 * The characters JS `\s` matches: ASCII whitespace plus U+00A0 (&nbsp;) and the other Unicode
 * spaces, which is what readers see as spaces.
 */
export function isSpace(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Turn every whitespace run into one ' ' (not trimmed). Returns the input itself when it is
 * already collapsed, which is the common case for text inside tags, so nothing is allocated.
 */
export function collapseRuns(s: string): string {
  const n = s.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isSpace(c)) continue;
    let j = i + 1;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (c !== 32 || j - i > 1) {
      out += s.slice(last, i) + ' ';
      last = j;
    }
    i = j - 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Collapse every whitespace run to one space and trim. */
export function collapseWhitespace(s: string): string {
  return collapseRuns(s).trim();
}

/** Cut to at most `maxChars` characters without splitting a surrogate pair, trimming the end. */
export function cutAt(s: string, maxChars: number): string {
  if (s.length <= maxChars) return s;
  let end = maxChars;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end).trimEnd();
}

/** Collapse, then cut to at most `maxChars` characters. */
export function collapseAndCut(s: string, maxChars: number): string {
  return cutAt(collapseWhitespace(s), maxChars);
}

/** The first `maxChars` characters of collapsed text, ending at a word boundary when there is one. */
export function headWords(collapsed: string, maxChars: number): string {
  if (collapsed.length <= maxChars) return collapsed;
  const cut = collapsed.slice(0, maxChars);
  const sp = cut.lastIndexOf(' ');
  return sp === -1 || sp < maxChars / 2 ? cut : cut.slice(0, sp);
}
