/**
 * SSRF guard classification: is an IP address somewhere a crawler must not be steered to?
 * Covers IANA's special-purpose registries (RFC 6890 and successors): loopback, private (RFC 1918),
 * link-local (incl. the 169.254.169.254 cloud metadata address), CGNAT (RFC 6598), multicast,
 * unspecified, broadcast, documentation, benchmarking and reserved ranges; for IPv6 every address
 * outside global unicast 2000::/3, plus the special blocks inside it. IPv6 forms that carry an
 * IPv4 address (mapped ::ffff:a.b.c.d, SIIT ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16,
 * IPv4-compatible ::a.b.c.d) are judged by the IPv4 address they carry.
 */
import { embeddedIPv4, parseIPv4, parseIPv6 } from './internal/parse-ip.js';

export type AddressBlockReason =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'unique-local'
  | 'documentation'
  | 'reserved'
  | 'invalid';

/** [first address, prefix length, reason], most specific first where ranges nest. */
const V4_RANGES: ReadonlyArray<readonly [string, number, AddressBlockReason]> = [
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V4_TABLE = V4_RANGES.map(([first, bits, reason]) => ({ first: parseIPv4(first)!, mask: bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0, reason }));

/**
 * Why an address must not be fetched, or null when it is public.
 * @example addressBlockReason('169.254.169.254') // 'link-local'
 * @example addressBlockReason('::ffff:127.0.0.1') // 'loopback'
 */
export function addressBlockReason(address: string): AddressBlockReason | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return v4BlockReason(v4);
  const g = parseIPv6(address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address);
  if (g === null) return 'invalid';
  const zeroUpTo = (n: number): boolean => g.subarray(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT translated).
  if ((zeroUpTo(5) && g[5] === 0xffff) || (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0)) return v4BlockReason(embeddedIPv4(g, 6));
  // ::a.b.c.d, deprecated IPv4-compatible; some stacks still route it to the IPv4 address.
  if (zeroUpTo(6)) return v4BlockReason(embeddedIPv4(g, 6)) ?? 'reserved';
  if (g[0] === 0x64 && g[1] === 0xff9b && g.subarray(2, 6).every((x) => x === 0)) return v4BlockReason(embeddedIPv4(g, 6));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private';
  if (g[0] === 0x2002) return v4BlockReason(embeddedIPv4(g, 1));
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'unique-local';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  // Global unicast is 2000::/3; everything else (fec0::/10 site-local, 100::/64 discard, ...) is not routable.
  if ((first & 0xe000) !== 0x2000) return 'reserved';
  if (first === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (first === 0x3fff && g[1]! < 0x1000) return 'documentation';
  // 2001::/23: IETF protocol assignments (Teredo, benchmarking, ORCHID, ...).
  if (first === 0x2001 && g[1]! < 0x0200) return 'reserved';
  return null;
}

/** True when the address is public, global unicast. */
export function isPublicAddress(address: string): boolean {
  return addressBlockReason(address) === null;
}

function v4BlockReason(v4: number): AddressBlockReason | null {
  for (const r of V4_TABLE) if ((v4 & r.mask) >>> 0 === r.first) return r.reason;
  return null;
}
