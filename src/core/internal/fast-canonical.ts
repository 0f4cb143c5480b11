/**
 * A fast path for canonicalizeUrl on the shapes most links have, skipping the URL parser.
 *
 * It only answers when it can prove that the WHATWG parser plus our rules would give back the
 * input unchanged (bar the fragment, and a `/` for an empty path), and returns null otherwise, so
 * the caller falls back to the parser. Shapes handled:
 * - absolute `http://` / `https://` URLs with a lower-case ASCII host of letters, digits, `-` and
 *   `.` (no port, no userinfo, no IPv4-looking or punycode labels);
 * - path-absolute references (`/a/b?q`) and plain relative ones (`page.html`, `a/b`) against a
 *   base with no userinfo.
 * and, for all of them, paths and queries made only of characters that no WHATWG percent-encode
 * set touches, or spaces inside (written `%20`, as the parser does), with no `%` escapes and no dot
 * segments.
 * A differential test (test/core/fast-canonical.test.ts) checks it against the parser.
 */

export interface Canonical {
  url: string;
  host: string;
}

/** Characters allowed in a path or query that the parser leaves alone: printable ASCII minus the risky ones. */
const SAFE = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) SAFE[c] = 1;
for (const ch of '"#%\'<>\\^`{|}[]') SAFE[ch.charCodeAt(0)] = 0;

function isHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** Set by scanPathAndQuery: the part it scanned has a space, which the parser writes as `%20`. */
let sawSpace = false;

/**
 * Index where the path/query part ends (the fragment's `#`, or the end), or -1 when some
 * character or a dot segment needs the parser. A space inside is fine (see sawSpace); one at the
 * end of the input is not, as the parser strips it.
 */
function scanPathAndQuery(s: string, from: number): number {
  const n = s.length;
  let inQuery = false;
  sawSpace = false;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 35 /* # */) return i;
    if (c === 32 && i < n - 1 && s.charCodeAt(n - 1) !== 32) {
      sawSpace = true;
      continue;
    }
    if (c >= 128 || SAFE[c] === 0) return -1;
    if (c === 63 /* ? */) inQuery = true;
    else if (c === 46 /* . */ && !inQuery && (i === from || s.charCodeAt(i - 1) === 47)) {
      // a segment starting with '.': bail when it is '.' or '..'
      const d = i + 1 < n ? s.charCodeAt(i + 1) : -1;
      const isDotSeg = d === -1 || d === 47 || d === 63 || d === 35 || (d === 46 && isSegmentEnd(i + 2 < n ? s.charCodeAt(i + 2) : -1));
      if (isDotSeg) return -1;
    }
  }
  return n;
}

/** Spaces as the parser writes them in a path or query (the base and host parts have none). */
function encodeSpaces(url: string): string {
  return url.replaceAll(' ', '%20');
}

function isSegmentEnd(c: number): boolean {
  return c === -1 || c === 47 || c === 63 || c === 35;
}

function absolute(input: string, hostStart: number): Canonical | null {
  const n = input.length;
  let i = hostStart;
  let labelStart = i;
  let lastLabelStart = i;
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) break;
    if (!isHostChar(c)) return null;
    if (c === 46) {
      if (i === labelStart) return null; // empty label
      labelStart = i + 1;
      lastLabelStart = labelStart;
    } else if (i === labelStart && c === 120 /* x */ && input.startsWith('xn--', i)) {
      return null; // punycode labels get validated by the parser
    }
  }
  if (i === hostStart || i === labelStart) return null; // empty host or trailing dot
  const first = input.charCodeAt(lastLabelStart);
  if (first < 97 || first > 122) return null; // a numeric-looking last label means IPv4 parsing
  const host = input.slice(hostStart, i);
  const end = scanPathAndQuery(input, i);
  if (end === -1) return null;
  const rest = input.slice(i, end);
  const url = rest.length === 0 || rest.charCodeAt(0) !== 47 ? input.slice(0, i) + '/' + rest : end === n ? input : input.slice(0, end);
  return { url: sawSpace ? encodeSpaces(url) : url, host };
}

interface BaseInfo {
  base: string;
  /** scheme://host[:port], or null when the base is unusable here. */
  origin: string | null;
  /** The base up to and including the last `/` of its path. */
  directory: string;
  host: string;
}

// One-entry memo: a page resolves all its links against the same base.
let lastBase: BaseInfo = { base: '', origin: null, directory: '', host: '' };

function baseInfo(base: string): BaseInfo {
  if (base === lastBase.base) return lastBase;
  let info: BaseInfo = { base, origin: null, directory: '', host: '' };
  try {
    const u = new URL(base);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '') {
      const origin = `${u.protocol}//${u.host}`;
      const path = u.pathname;
      info = { base, origin, directory: origin + path.slice(0, path.lastIndexOf('/') + 1), host: u.hostname };
    }
  } catch {
    // unusable base: the parser will say so
  }
  lastBase = info;
  return info;
}

/** The canonical URL and host, or null when only the URL parser can tell. */
export function fastCanonical(input: string, base: string | undefined): Canonical | null {
  const n = input.length;
  if (n === 0) return null;
  const c0 = input.charCodeAt(0);
  if (c0 === 104 /* h */ && input.startsWith('http')) {
    if (input.startsWith('://', 4)) return absolute(input, 7);
    if (input.startsWith('s://', 4)) return absolute(input, 8);
  }
  if (base === undefined) return null;
  if (c0 === 47 /* / */) {
    if (n > 1 && input.charCodeAt(1) === 47) return null; // scheme-relative: //host/...
    const b = baseInfo(base);
    if (b.origin === null) return null;
    const end = scanPathAndQuery(input, 0);
    if (end === -1) return null;
    const url = b.origin + (end === n ? input : input.slice(0, end));
    return { url: sawSpace ? encodeSpaces(url) : url, host: b.host };
  }
  // plain relative: starts with a letter, digit, '-' or '_', and no ':' before the path could make it a scheme
  const letterOrDigit = (c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 95;
  if (!letterOrDigit) return null;
  for (let i = 1; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 58 /* : */) return null;
    if (c === 47 || c === 63 || c === 35) break;
  }
  const b = baseInfo(base);
  if (b.origin === null) return null;
  const end = scanPathAndQuery(input, 0);
  if (end === -1) return null;
  const url = b.directory + (end === n ? input : input.slice(0, end));
  return { url: sawSpace ? encodeSpaces(url) : url, host: b.host };
}
