/**
 * Sniff whether bytes with no Content-Type are HTML, following the WHATWG MIME sniffing rules
 * for text/html: after optional whitespace (and a UTF-8 BOM), the body starts with one of
 * `<!DOCTYPE HTML`, `<HTML`, `<HEAD`, `<SCRIPT`, `<IFRAME`, `<H1`, `<DIV`, `<FONT`, `<TABLE`, `<A`,
 * `<STYLE`, `<TITLE`, `<B`, `<BODY`, `<BR`, `<P` or `<!--`, followed by a space or `>`
 * (case-insensitive). As a lenient extra, a body with no binary bytes (NUL and most C0 controls)
 * in its first 1024 bytes that contains `<html` or `<body` there also counts.
 */
const SNIFF_BYTES = 1024;
const TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p'];

export function looksLikeHtml(bytes: Uint8Array | string): boolean {
  const head = typeof bytes === 'string' ? bytes.slice(0, SNIFF_BYTES) : latin1(bytes.subarray(0, SNIFF_BYTES));
  let i = head.charCodeAt(0) === 0xfeff ? 1 : head.startsWith('\xef\xbb\xbf') ? 3 : 0;
  while (i < head.length && isWhitespace(head.charCodeAt(i))) i++;
  if (head.charCodeAt(i) === 60 /* < */) {
    const rest = head.slice(i + 1, i + 16).toLowerCase();
    if (rest.startsWith('!--')) return true;
    for (const tag of TAGS) {
      if (rest.startsWith(tag)) {
        const after = rest.charCodeAt(tag.length);
        if (after === 32 || after === 62 /* > */ || after === 9 || after === 10 || after === 13 || after === 12) return true;
      }
    }
  }
  if (hasBinary(head)) return false;
  const lower = head.toLowerCase();
  return lower.includes('<html') || lower.includes('<body');
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** WHATWG "binary data byte": 0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F. */
function hasBinary(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x08 || c === 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f)) return true;
  }
  return false;
}
