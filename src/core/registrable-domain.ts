/**
 * Host → registrable domain ("eTLD+1"), the unit that backlink reports count as a referring domain.
 *
 * Uses the Public Suffix List through tldts with `allowPrivateDomains: true`: the PRIVATE section
 * counts too, so hosting suffixes such as `github.io`, `blogspot.com` or `s3.amazonaws.com` act as
 * public suffixes and every site under them is its own domain (`user.github.io` → `user.github.io`,
 * not `github.io`). That matches who controls the site, which is what link analysis cares about.
 *
 * Special cases:
 * - IP addresses (v4, and v6 with or without brackets) map to themselves.
 * - Unknown TLDs, including the reserved `.test`, `.localhost`, `.invalid` and `.example`, follow the
 *   PSL's default rule `*`: the last label is the suffix, so `www.shop.test` → `shop.test` and
 *   `a.b.test` → `b.test`.
 * - A host that is itself a public suffix (`github.io`, `co.uk`), a single label (`localhost`) or
 *   anything tldts cannot split maps to the host itself, so the result is never empty.
 *
 * Results are cached in a bounded Map: crawls and imports look up the same hosts over and over.
 */
import { ValidationError } from './errors.js';
import { detachedString } from './internal/detached-string.js';
import { getDomain, parse } from 'tldts';

const TLDTS_OPTIONS = { allowPrivateDomains: true } as const;
const CACHE_MAX_ENTRIES = 50_000;
const cache = new Map<string, string>();
let lastHost = '';
let lastDomain = '';

function compute(host: string): string {
  const h = host.endsWith('.') ? host.slice(0, -1) : host;
  if (h.length === 0) return host;
  const first = h.charCodeAt(0);
  // Cheap pre-check: only bracketed IPv6, dotted IPv4 or a bare IPv6 can be IPs.
  if (first === 91 /* [ */ || (first >= 48 && first <= 57) || h.includes(':')) {
    if (parse(h, TLDTS_OPTIONS).isIp === true) return h;
  }
  return getDomain(h, TLDTS_OPTIONS) ?? h;
}

/**
 * The registrable domain of a host (lower-case, punycode, as {@link canonicalizeUrl} yields it).
 * Private PSL suffixes count (`user.github.io` is its own domain); IPs map to themselves.
 * @example
 * registrableDomain('www.example.co.uk') // 'example.co.uk'
 * registrableDomain('user.github.io')    // 'user.github.io'
 * registrableDomain('www.shop.test')     // 'shop.test'
 * registrableDomain('127.0.0.1')         // '127.0.0.1'
 */
export function registrableDomain(host: string): string {
  // Links on a page often share a host: a one-entry memo skips even the Map lookup.
  if (host === lastHost) return lastDomain;
  const domain = cache.get(host) ?? miss(host);
  lastHost = host;
  lastDomain = domain;
  return domain;
}

function miss(host: string): string {
  const domain = compute(host.toLowerCase());
  if (cache.size >= CACHE_MAX_ENTRIES) {
    // Evict the oldest insertion; Map iterates in insertion order.
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(detachedString(host), domain);
  return domain;
}

function isPlainHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95;
}

/** Digits up to '/', '?' or the end: a port, not a password. */
function isPortThenPath(url: string, from: number): boolean {
  let i = from;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63) break;
    if (c < 48 || c > 57) return false;
  }
  return i > from;
}

/**
 * The hostname (no port, no userinfo) of an http(s) URL. Canonical URLs (output of
 * canonicalizeUrl) take a string-slicing fast path; anything else goes through the URL parser.
 * IPv6 hosts keep their brackets, as `URL.hostname` gives them.
 * @throws ValidationError with code `INVALID_URL` when the input does not parse.
 */
export function hostOf(url: string | URL): string {
  if (typeof url !== 'string') return url.hostname;
  const start = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : -1;
  if (start !== -1) {
    let i = start;
    const n = url.length;
    for (; i < n; i++) {
      const c = url.charCodeAt(i);
      if (!isPlainHostChar(c)) break;
    }
    const c = i < n ? url.charCodeAt(i) : 47;
    // Stop at '/', or at ':' followed by a port; anything else (userinfo, brackets, upper case) is the slow path.
    if (i > start && (c === 47 || c === 63 || (c === 58 && isPortThenPath(url, i + 1)))) return url.slice(start, i);
  }
  try {
    return new URL(url).hostname;
  } catch (cause) {
    throw new ValidationError(`not a valid URL: ${JSON.stringify(url.slice(0, 200))}`, [{ where: 'url', message: url.slice(0, 200) }], {
      code: 'INVALID_URL',
      cause,
    });
  }
}

/** Registrable domain of a URL: `registrableDomain(hostOf(url))`. */
export function domainOf(url: string | URL): string {
  return registrableDomain(hostOf(url));
}
