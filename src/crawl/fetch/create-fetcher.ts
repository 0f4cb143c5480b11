/**
 * The crawler's HTTP client: one undici Agent (keep-alive), a `--resolve` map with wildcards and
 * port overrides, an SSRF guard judged on the address actually connected to at every redirect
 * hop, redirects followed by hand and returned hop by hop, gzip/deflate/br decoded with a cap on
 * the decoded size, and connect/headers/body-idle/total timeouts.
 *
 * Each hop resolves the host itself (map → IP literal → cached DNS), checks that address, then
 * sends the request to `scheme://address:port` with the URL's own `Host` header (undici derives
 * the TLS SNI from it). So the guard, the port override and the reported `ip` all concern the very
 * socket used, and keep-alive pools are per address.
 */
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { NonRetryableError } from '../../core/errors.js';
import { attachHops, RedirectError } from './errors.js';
import { FETCHER_DEFAULTS } from './fetcher-defaults.js';
import { createAddressGuard } from './internal/create-address-guard.js';
import { createHostResolver } from './internal/create-host-resolver.js';
import { readBody } from './internal/read-body.js';
import { toFetchError } from './internal/to-fetch-error.js';
import { parseResolveRules } from './parse-resolve-rules.js';
import type { ResolveRule } from './parse-resolve-rules.js';
import type { FetcherOptions, FetchRequestOptions, FetchResult, RedirectHop } from './types.js';

export type ResolvedFetcherOptions = Required<Omit<FetcherOptions, 'resolve'>> & { resolve: readonly ResolveRule[] };

export interface Fetcher {
  readonly options: Readonly<ResolvedFetcherOptions>;
  /**
   * GET (or HEAD) a URL, following redirects. Any HTTP status is a result, not an error (see
   * `throwIfRetryableStatus`). Throws SsrfBlockedError, RedirectError, NonRetryableError
   * (INVALID_URL, DECODE, TOO_LARGE, NETWORK for malformed responses and unknown hosts) and
   * RetryableError (TIMEOUT, NETWORK); `hopsOf(err)` gives the redirects followed before it.
   */
  fetch(url: string | URL, request?: FetchRequestOptions): Promise<FetchResult>;
  /** Close idle connections and refuse new requests. */
  close(): Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';

/**
 * @example
 * const fetcher = createFetcher({ resolve: ['*.test=127.0.0.2:8080'] });
 * const page = await fetcher.fetch('http://shop.test/');  // connects to 127.0.0.2:8080, Host: shop.test
 * await fetcher.close();
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const o: ResolvedFetcherOptions = {
    ...FETCHER_DEFAULTS,
    ...definedOnly(options),
    resolve: (options.resolve ?? []).map((r) => (typeof r === 'string' ? parseResolveRules([r])[0]! : r)),
  };
  const resolveHost = createHostResolver({ rules: o.resolve, lookup: o.lookup, ttlMs: o.dnsCacheTtlMs, maxEntries: o.dnsCacheMaxEntries });
  const guard = createAddressGuard(o);
  const agent = new Agent({
    keepAliveTimeout: o.keepAliveTimeoutMs,
    connect: o.tlsCa === null ? { timeout: o.connectTimeoutMs } : { timeout: o.connectTimeoutMs, ca: o.tlsCa },
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
  });

  async function fetchPage(input: string | URL, request: FetchRequestOptions = {}): Promise<FetchResult> {
    const startedAt = Date.now();
    const started = performance.now();
    const method = request.method ?? 'GET';
    const maxBytes = request.maxBytes ?? o.maxBytes;
    const maxRedirects = request.maxRedirects ?? o.maxRedirects;
    const headers = { 'user-agent': o.userAgent, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br', ...o.headers, ...request.headers };
    let url = parseTarget(input, o.maxUrlLength);
    const hops: RedirectHop[] = [];
    // NOTE: nothing may throw between arming this timer and the try whose finally clears it.
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), o.totalTimeoutMs);
    const signal = request.signal === undefined ? timer.signal : AbortSignal.any([request.signal, timer.signal]);
    const first = url.href;
    const seen = new Set([first]);
    try {
      for (;;) {
        const resolved = await resolveHost(url.hostname);
        guard(url.href, resolved.address);
        const port = resolved.port ?? (url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);
        const origin = `${url.protocol}//${resolved.family === 6 ? `[${resolved.address}]` : resolved.address}:${port}`;
        const sent = performance.now();
        const response = await agent.request({ origin, path: url.pathname + url.search, method, headers: { ...headers, host: url.host }, signal });
        const headersMs = performance.now() - sent;
        const responseHeaders = flattenHeaders(response.headers);
        const location = responseHeaders.location;
        const next = REDIRECT_STATUSES.has(response.statusCode) && location !== undefined ? redirectTarget(location, url) : null;
        if (next !== null) {
          // Drain a little so the connection can be reused; a big redirect body is just dropped.
          await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          const hop: RedirectHop = { url: url.href, status: response.statusCode, location, nextUrl: next.href, ip: resolved.address };
          hops.push(hop);
          request.onRedirect?.(hop);
          if (seen.has(next.href)) throw new RedirectError('REDIRECT_LOOP', `redirect loop: ${next.href} was already visited (from ${first})`, hops);
          if (hops.length > maxRedirects) throw new RedirectError('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects from ${first}`, hops);
          if (next.href.length > o.maxUrlLength) throw new NonRetryableError('INVALID_URL', `redirect to a URL longer than ${o.maxUrlLength} characters from ${url.href}`);
          seen.add(next.href);
          url = next;
          continue;
        }
        const bodyStarted = performance.now();
        const read = method === 'HEAD' ? (await response.body.dump(), { body: Buffer.alloc(0), wireBytes: 0, truncated: false }) : await readBody(response.body, responseHeaders['content-encoding'], maxBytes);
        const ended = performance.now();
        return {
          url: first,
          finalUrl: url.href,
          status: response.statusCode,
          headers: responseHeaders,
          contentType: responseHeaders['content-type'] ?? null,
          body: read.body,
          bytes: read.body.length,
          wireBytes: read.wireBytes,
          truncated: read.truncated,
          hops,
          ip: resolved.address,
          timings: { startedAt, dnsMs: resolved.dnsMs, headersMs, bodyMs: ended - bodyStarted, totalMs: ended - started },
        };
      }
    } catch (err) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw attachHops(toFetchError(err, url.href, timer.signal.aborted), hops);
    } finally {
      clearTimeout(timeout);
    }
  }

  return {
    options: o,
    fetch: fetchPage,
    close: () => agent.close(),
  };
}

function parseTarget(input: string | URL, maxUrlLength: number): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new NonRetryableError('INVALID_URL', `not a URL: ${String(input).slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new NonRetryableError('INVALID_URL', `not an http(s) URL: ${url.href.slice(0, 200)}`);
  url.hash = '';
  if (url.href.length > maxUrlLength) throw new NonRetryableError('INVALID_URL', `URL longer than ${maxUrlLength} characters: ${url.href.slice(0, 100)}...`);
  return url;
}

/** The next URL of a redirect, or null when Location is unusable (then the 3xx is the final answer). */
function redirectTarget(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return null;
    next.hash = '';
    return next;
  } catch {
    return null;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
