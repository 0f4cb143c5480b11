/**
 * URL canonicalisation: one spelling per resource, so that links dedupe and join across sources
 * (crawl, WARC, vendor CSV).
 *
 * Steps, in order:
 * 1. Parse with the WHATWG URL parser (node's `URL`, resolving against `base`). That already
 *    lower-cases the host, turns IDN hosts into punycode, drops default ports (:80, :443),
 *    resolves `.`/`..` segments (also `%2e` spellings) and percent-encodes what must be encoded.
 * 2. Only `http:` and `https:` are links we follow; anything else is INVALID_URL.
 * 3. Drop the fragment: it never reaches the server.
 * 4. Normalise percent-encoding (RFC 3986 §6.2.2.2): decode escapes of unreserved characters
 *    (`%41` → `A`, `%7E` → `~`) and upper-case the hex digits of every other escape. This applies to
 *    userinfo, path and query alike, since the RFC makes these spellings equivalent everywhere.
 *
 * The query is otherwise kept as is: no parameter sorting, no tracking-parameter removal, and an
 * empty `?` stays, because servers may treat each of those differently.
 *
 * The result is idempotent: canonicalizeUrl(canonicalizeUrl(x)) === canonicalizeUrl(x).
 *
 * Performance: most links are simple (`https://host/path`, `/path`, `page.html`), and
 * internal/fast-canonical.ts answers those without the URL parser; everything else is parsed.
 */
import { ValidationError } from './errors.js';
import { fastCanonical } from './internal/fast-canonical.js';

const HEX_UPPER = '0123456789ABCDEF';

/** Hex digit value of a char code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 65 && c <= 70) return c - 55; // A-F
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return -1;
}

/** RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~". */
function isUnreserved(b: number): boolean {
  return (
    (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 45 || b === 46 || b === 95 || b === 126
  );
}

/**
 * True when the text ends with a stray `%` or `%` + one hex digit, so that appending a decoded hex
 * digit would create a new escape (`%%41` must not become `%A`+…, `%4%31` must not become `%41`).
 */
function wouldFormEscape(prefix: string): boolean {
  const n = prefix.length;
  if (n >= 1 && prefix.charCodeAt(n - 1) === 37) return true;
  return n >= 2 && prefix.charCodeAt(n - 2) === 37 && hexValue(prefix.charCodeAt(n - 1)) >= 0;
}

/**
 * Decode escapes of unreserved characters and upper-case the hex of the others.
 * A `%` not followed by two hex digits is left alone (the WHATWG parser keeps it too).
 * Returns the input itself when nothing changes, so the common case allocates nothing.
 */
export function normalizePercentEncoding(s: string): string {
  let i = s.indexOf('%');
  if (i === -1) return s;
  let out = '';
  let last = 0;
  const n = s.length;
  for (; i !== -1 && i + 2 < n; i = s.indexOf('%', i + 1)) {
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const h1 = hexValue(c1);
    const h2 = hexValue(c2);
    if (h1 < 0 || h2 < 0) continue;
    const b = h1 * 16 + h2;
    let rep: string;
    if (isUnreserved(b) && !(hexValue(b) >= 0 && wouldFormEscape(out + s.slice(last, i)))) rep = String.fromCharCode(b);
    else if (c1 >= 97 || c2 >= 97) rep = '%' + HEX_UPPER[h1] + HEX_UPPER[h2];
    else continue; // already upper-case
    out += s.slice(last, i) + rep;
    last = i + 3;
    i += 2;
  }
  if (last === 0) return s;
  return out + s.slice(last);
}

/** Fragment-free, percent-normalised href of an already parsed http(s) URL. */
function finish(u: URL): string {
  let href = u.href;
  // NOTE: after WHATWG serialisation a `#` can only be the fragment delimiter.
  const hash = href.indexOf('#');
  if (hash !== -1) href = href.slice(0, hash);
  return normalizePercentEncoding(href);
}

/** Starts with `http://` or `https://`, so a base cannot change the result. */
function isAbsoluteHttp(s: string): boolean {
  return s.startsWith('http') && (s.startsWith('://', 4) || s.startsWith('s://', 4));
}

function parseHttp(input: string, base: string | undefined): URL | null {
  let u: URL;
  try {
    // Passing a base makes URL parse the base again on every call; skip it when it cannot matter.
    u = base === undefined || isAbsoluteHttp(input) ? new URL(input) : new URL(input, base);
  } catch {
    return null;
  }
  const p = u.protocol;
  return p === 'http:' || p === 'https:' ? u : null;
}

/**
 * Canonicalise an http(s) URL, resolving it against `base` when given.
 *
 * @throws ValidationError with code `INVALID_URL` when the input does not parse or is not http(s).
 * @example
 * canonicalizeUrl('HTTP://Example.COM:80/a/../%7euser/?q=%2f#top') // 'http://example.com/~user/?q=%2F'
 * canonicalizeUrl('../x', 'https://example.com/a/b/')               // 'https://example.com/a/x'
 */
export function canonicalizeUrl(input: string, base?: string): string {
  const fast = fastCanonical(input, base);
  if (fast !== null) return fast.url;
  const u = parseHttp(input, base);
  if (u === null) {
    const shown = input.length > 200 ? input.slice(0, 200) + '…' : input;
    const where = base === undefined ? '' : ` (base ${base.length > 200 ? base.slice(0, 200) + '…' : base})`;
    throw new ValidationError(`not a valid http(s) URL: ${JSON.stringify(shown)}${where}`, [{ where: 'url', message: shown }], {
      code: 'INVALID_URL',
    });
  }
  return finish(u);
}

/** Like {@link canonicalizeUrl}, but returns null instead of throwing. */
export function tryCanonicalizeUrl(input: string, base?: string): string | null {
  const fast = fastCanonical(input, base);
  if (fast !== null) return fast.url;
  const u = parseHttp(input, base);
  return u === null ? null : finish(u);
}

/**
 * Canonicalise and also return the parsed hostname, for callers that need both (the extractor),
 * saving a second parse. Returns null where {@link canonicalizeUrl} would throw.
 */
export function tryCanonicalizeUrlWithHost(input: string, base?: string): { url: string; host: string } | null {
  return fastCanonical(input, base) ?? canonicalizeWithParser(input, base);
}

/**
 * The parser-only path (no fast path): exported for the differential test of the fast path.
 * @internal
 */
export function canonicalizeWithParser(input: string, base?: string): { url: string; host: string } | null {
  const u = parseHttp(input, base);
  return u === null ? null : { url: finish(u), host: u.hostname };
}
