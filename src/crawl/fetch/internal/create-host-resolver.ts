import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { NonRetryableError, RetryableError } from '../../../core/errors.js';
import { findResolveRule } from '../parse-resolve-rules.js';
import type { ResolveRule } from '../parse-resolve-rules.js';
import type { LookupFn } from '../types.js';

export interface ResolvedHost {
  address: string;
  family: 4 | 6;
  /** Port override from the resolve map, else null. */
  port: number | null;
  source: 'literal' | 'map' | 'dns';
  dnsMs: number;
}

export type HostResolver = (hostname: string) => Promise<ResolvedHost>;

const systemLookup: LookupFn = async (hostname) => (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Resolve map first, then IP literals, then DNS (cached `ttlMs`, at most `maxEntries` names).
 * The first address is used; the SSRF guard then judges that very address, and the request goes
 * to it, so a second DNS answer cannot swap in another (no rebinding window).
 */
export function createHostResolver(options: { rules: readonly ResolveRule[]; lookup: LookupFn | null; ttlMs: number; maxEntries: number }): HostResolver {
  const lookup = options.lookup ?? systemLookup;
  const cache = new Map<string, { address: string; expiresAt: number }>();
  return async (rawHostname) => {
    const hostname = rawHostname.startsWith('[') ? rawHostname.slice(1, -1) : rawHostname;
    const rule = findResolveRule(options.rules, hostname);
    if (rule !== null) return { address: rule.address, family: rule.family, port: rule.port, source: 'map', dnsMs: 0 };
    const literal = isIP(hostname);
    if (literal !== 0) return { address: hostname, family: literal as 4 | 6, port: null, source: 'literal', dnsMs: 0 };
    const now = Date.now();
    const cached = cache.get(hostname);
    if (cached !== undefined && cached.expiresAt > now) return { address: cached.address, family: isIP(cached.address) as 4 | 6, port: null, source: 'dns', dnsMs: 0 };
    const started = performance.now();
    let addresses: readonly string[];
    try {
      addresses = await lookup(hostname);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // NXDOMAIN and "no address" will not heal on a retry; a timeout or SERVFAIL may.
      if (code === 'ENOTFOUND' || code === 'ENODATA') throw new NonRetryableError('NETWORK', `DNS: no address for ${hostname}`, { cause: err });
      throw new RetryableError('NETWORK', `DNS lookup of ${hostname} failed (${code ?? 'error'})`, { cause: err });
    }
    const address = addresses.find((a) => isIP(a) !== 0);
    if (address === undefined) throw new NonRetryableError('NETWORK', `DNS: no address for ${hostname}`);
    if (cache.size >= options.maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(hostname, { address, expiresAt: now + options.ttlMs });
    return { address, family: isIP(address) as 4 | 6, port: null, source: 'dns', dnsMs: performance.now() - started };
  };
}
