const HEX = '0123456789ABCDEF';

/**
 * Google's `MaybeEscapePattern`: percent-encode every byte >= 0x80 and upper-case the hex digits
 * of existing %xx escapes, so that `/SanJoséSellers` and `/SanJos%c3%a9Sellers` both become
 * `/SanJos%C3%A9Sellers`. Takes a JS string (encoded as UTF-8 first).
 * @example escapeRobotsPattern('/á') // '/%C3%A1'
 */
export function escapeRobotsPattern(pattern: string): string {
  return escapeBinaryPattern(Buffer.from(pattern, 'utf8').toString('latin1'));
}

/** The same on a binary string (one char per byte), as the parser holds values. */
export function escapeBinaryPattern(binary: string): string {
  let needsWork = false;
  for (let i = 0; i < binary.length && !needsWork; i++) {
    const c = binary.charCodeAt(i);
    if (c === 0x25 && isHex(binary.charCodeAt(i + 1)) && isHex(binary.charCodeAt(i + 2))) {
      needsWork = isLowerHex(binary.charCodeAt(i + 1)) || isLowerHex(binary.charCodeAt(i + 2));
      i += 2;
    } else if (c & 0x80) {
      needsWork = true;
    }
  }
  if (!needsWork) return binary;
  let out = '';
  for (let i = 0; i < binary.length; i++) {
    const c = binary.charCodeAt(i);
    if (c === 0x25 && isHex(binary.charCodeAt(i + 1)) && isHex(binary.charCodeAt(i + 2))) {
      out += '%' + binary.slice(i + 1, i + 3).toUpperCase();
      i += 2;
    } else if (c & 0x80) {
      out += '%' + HEX[(c >> 4) & 0xf] + HEX[c & 0xf];
    } else {
      out += binary[i];
    }
  }
  return out;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isLowerHex(c: number): boolean {
  return c >= 0x61 && c <= 0x66;
}
