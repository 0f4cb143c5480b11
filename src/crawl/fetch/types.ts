import type { ResolveRule } from './parse-resolve-rules.js';

/** Resolves a host name to its addresses (IPv4 or IPv6 text), first preferred. Tests inject one. */
export type LookupFn = (hostname: string) => Promise<readonly string[]>;

export interface FetcherOptions {
  /** Sent as User-Agent; robots.txt groups are matched on its product token (`Vouch`). */
  userAgent?: string;
  /** `--resolve` rules (strings `host=ip[:port]`, or parsed), applied before DNS. */
  resolve?: readonly (string | ResolveRule)[];
  /** DNS for hosts the resolve map does not cover; default `dns.lookup` (the system resolver). */
  lookup?: LookupFn | null;
  /** Lift the SSRF guard entirely (loopback, private, link-local, ... all allowed). */
  allowPrivate?: boolean;
  /** Addresses or CIDRs (`127.0.0.5`, `127.0.0.0/24`, `::1`) allowed despite the SSRF guard. */
  allowAddresses?: readonly string[];
  /** Redirects followed by hand; one more is TOO_MANY_REDIRECTS. */
  maxRedirects?: number;
  /** Cap on the decompressed body; the rest is not read and the result says `truncated`. */
  maxBytes?: number;
  /** Longer URLs are refused (INVALID_URL) without a request. */
  maxUrlLength?: number;
  connectTimeoutMs?: number;
  /** From sending the request to the end of the response headers. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks (a server that stalls after the headers). */
  bodyTimeoutMs?: number;
  /** Whole fetch, redirects included. */
  totalTimeoutMs?: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs?: number;
  /** How long a DNS answer is reused. */
  dnsCacheTtlMs?: number;
  dnsCacheMaxEntries?: number;
  /** PEM certificates to trust for HTTPS INSTEAD of Node's bundled CAs (an internal CA, a test certificate). */
  tlsCa?: string | Buffer | null;
  /** Extra request headers (lower-case names), sent on every request. */
  headers?: Readonly<Record<string, string>>;
}

/** Per-call overrides. */
export interface FetchRequestOptions {
  method?: 'GET' | 'HEAD';
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  maxBytes?: number;
  maxRedirects?: number;
  /** Called as each redirect is followed, before the next request. */
  onRedirect?: (hop: RedirectHop) => void;
}

/** One redirect followed: `url` answered `status` with `Location: location`, which led to `nextUrl`. */
export interface RedirectHop {
  url: string;
  status: number;
  /** The Location header as sent. */
  location: string;
  /** `location` resolved against `url`, fragment dropped. */
  nextUrl: string;
  /** Address of the server that answered. */
  ip: string;
}

export interface FetchTimings {
  /** Epoch milliseconds when the fetch began. */
  startedAt: number;
  /** Resolving the final URL's host (0 for the resolve map, IP literals and cache hits). */
  dnsMs: number;
  /** From sending the final request to its headers (connecting included). */
  headersMs: number;
  /** Reading and decompressing the final body. */
  bodyMs: number;
  /** Whole fetch, redirects included. */
  totalMs: number;
}

export interface FetchResult {
  /** The URL asked for (parsed and serialised, fragment dropped). */
  url: string;
  /** The URL that gave the final answer (differs after redirects). */
  finalUrl: string;
  status: number;
  /** Response headers, lower-case names, repeated headers joined with ', '. */
  headers: Record<string, string>;
  contentType: string | null;
  /** Decompressed body, at most maxBytes; empty for HEAD. */
  body: Buffer;
  /** body.length. */
  bytes: number;
  /** Bytes received on the wire for the final response body (compressed size). */
  wireBytes: number;
  /** The body was longer than maxBytes (decompressed) and was cut; `body` holds the first maxBytes. */
  truncated: boolean;
  /** Every redirect followed, in order. */
  hops: RedirectHop[];
  /** Address of the server that gave the final answer (the one connected to). */
  ip: string;
  timings: FetchTimings;
}
