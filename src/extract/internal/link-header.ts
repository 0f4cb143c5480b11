import { REL_CANONICAL, parseRel } from './rel-tokens.js';

/** One link of an HTTP `Link` header (RFC 8288): its target and rel flags. */
export interface LinkHeaderEntry {
  target: string;
  relFlags: number;
}

/**
 * Parse `Link` header values: `<url>; rel="canonical", <url2>; rel=next`. Commas inside `<...>` and
 * quoted strings do not split entries. Malformed entries are skipped.
 */
export function parseLinkHeader(values: readonly string[]): LinkHeaderEntry[] {
  const out: LinkHeaderEntry[] = [];
  for (const value of values) {
    let i = 0;
    const n = value.length;
    while (i < n) {
      const lt = value.indexOf('<', i);
      if (lt === -1) break;
      const gt = value.indexOf('>', lt + 1);
      if (gt === -1) break;
      const target = value.slice(lt + 1, gt).trim();
      // params run to the next comma outside quotes
      let j = gt + 1;
      let inQuote = false;
      for (; j < n; j++) {
        const c = value[j];
        if (c === '"') inQuote = !inQuote;
        else if (c === ',' && !inQuote) break;
      }
      out.push({ target, relFlags: relOf(value.slice(gt + 1, j)) });
      i = j + 1;
    }
  }
  return out;
}

const REL_PARAM = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^;\s,]*))/i;

function relOf(params: string): number {
  const m = REL_PARAM.exec(params);
  if (m === null) return 0;
  return parseRel(m[1] ?? m[2] ?? '');
}

export { REL_CANONICAL };
