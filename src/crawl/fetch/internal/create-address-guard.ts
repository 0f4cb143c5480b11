import { BlockList, isIP } from 'node:net';
import { ValidationError } from '../../../core/errors.js';
import { addressBlockReason } from '../address-block-reason.js';
import { SsrfBlockedError } from '../errors.js';
import { formatIPv4, parseIPv6, embeddedIPv4 } from './parse-ip.js';

/** Throws SsrfBlockedError unless the address is public, allow-listed, or the guard is off. */
export type AddressGuard = (url: string, address: string) => void;

/** The SSRF guard, with `allowAddresses` (IPs or CIDRs) as exceptions. */
export function createAddressGuard(options: { allowPrivate: boolean; allowAddresses: readonly string[] }): AddressGuard {
  if (options.allowPrivate) return () => undefined;
  const allowed = new BlockList();
  for (const entry of options.allowAddresses) addAllowed(allowed, entry);
  return (url, address) => {
    const reason = addressBlockReason(address);
    if (reason === null) return;
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (allowed.check(address, family)) return;
    const mapped = mappedIPv4(address);
    if (mapped !== null && allowed.check(mapped, 'ipv4')) return;
    throw new SsrfBlockedError(url, address, reason);
  };
}

function addAllowed(list: BlockList, entry: string): void {
  const [ip = '', prefix] = entry.split('/');
  const family = isIP(ip);
  const bits = prefix === undefined ? null : Number(prefix);
  if (family === 0 || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))) {
    throw new ValidationError(`bad allowAddresses entry "${entry}": expected an IP or CIDR`, [{ where: 'allowAddresses', message: entry }]);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (bits === null) list.addAddress(ip, type);
  else list.addSubnet(ip, bits, type);
}

/** ::ffff:a.b.c.d as a.b.c.d, so an allow-listed IPv4 also covers its mapped form. */
function mappedIPv4(address: string): string | null {
  const g = parseIPv6(address);
  if (g === null || !g.subarray(0, 5).every((x) => x === 0) || g[5] !== 0xffff) return null;
  return formatIPv4(embeddedIPv4(g, 6));
}
