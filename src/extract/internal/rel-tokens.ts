/** Bit flags for the rel tokens we care about. */
export const REL_NOFOLLOW = 1;
export const REL_UGC = 2;
export const REL_SPONSORED = 4;
export const REL_CANONICAL = 8;

/**
 * Parse a `rel` attribute. Tokens are split on whitespace AND commas (`rel="nofollow,ugc"` is common
 * in the wild even though HTML only allows spaces) and compared case-insensitively.
 */
export function parseRel(rel: string): number {
  let flags = 0;
  const n = rel.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? rel.charCodeAt(i) : 32;
    const sep = c === 32 || c === 44 || c === 9 || c === 10 || c === 13 || c === 12;
    if (!sep) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1) {
      flags |= relTokenFlag(rel.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return flags;
}

function relTokenFlag(token: string): number {
  switch (token) {
    case 'nofollow':
      return REL_NOFOLLOW;
    case 'ugc':
      return REL_UGC;
    case 'sponsored':
      return REL_SPONSORED;
    case 'canonical':
      return REL_CANONICAL;
    default:
      return 0;
  }
}
