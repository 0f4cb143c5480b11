import { isIPv4, isIPv6 } from 'node:net';

/** Dotted-quad IPv4 to an unsigned 32-bit number; null if not one. */
export function parseIPv4(address: string): number | null {
  if (!isIPv4(address)) return null;
  const parts = address.split('.');
  return ((Number(parts[0]) << 24) | (Number(parts[1]) << 16) | (Number(parts[2]) << 8) | Number(parts[3])) >>> 0;
}

/** IPv6 (with `::`, an embedded dotted quad, a zone id) to its eight 16-bit groups; null if not one. */
export function parseIPv6(address: string): Uint16Array | null {
  const zone = address.indexOf('%');
  let text = zone === -1 ? address : address.slice(0, zone);
  if (!isIPv6(text)) return null;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // ::ffff:1.2.3.4 is ::ffff:0102:0304.
    const v4 = parseIPv4(tail);
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  const left = halves[0] === '' ? [] : halves[0]!.split(':');
  const right = halves.length < 2 || halves[1] === '' ? [] : halves[1]!.split(':');
  const fill = halves.length < 2 ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 ? Uint16Array.from(groups) : null;
}

/** The IPv4 address embedded in an IPv6 one at group `at` (groups at, at+1). */
export function embeddedIPv4(groups: Uint16Array, at: number): number {
  return ((groups[at]! << 16) | groups[at + 1]!) >>> 0;
}

/** 32-bit IPv4 to dotted quad. */
export function formatIPv4(v4: number): string {
  return `${v4 >>> 24}.${(v4 >>> 16) & 0xff}.${(v4 >>> 8) & 0xff}.${v4 & 0xff}`;
}
