import { parseWeight } from './edge-file-error.js';

/** One parsed edge line. */
export interface ParsedEdge {
  src: string;
  dst: string;
  weight: number;
}

/** A parsed edge, null for a line to skip (a header), or a message saying what is wrong. */
export type EdgeLineResult = ParsedEdge | null | string;

const HEADER_SRC = /^(source|src|from|from_?id|u)$/i;
const HEADER_DST = /^(target|dst|dest|destination|to|to_?id|v)$/i;

/** `src<TAB>dst[<TAB>weight]`; on the first content line, a header such as `source<TAB>target` is skipped. */
export function parseTsvEdge(line: string, firstContent: boolean): EdgeLineResult {
  const fields = line.split('\t');
  if (fields.length < 2 || fields.length > 3) return `expected 2 or 3 tab-separated fields (src, dst, weight), got ${fields.length}`;
  const [src, dst, weightText] = fields as [string, string, string | undefined];
  if (firstContent && HEADER_SRC.test(src) && HEADER_DST.test(dst)) return null;
  if (src.length === 0 || dst.length === 0) return 'empty node name';
  const weight = weightText === undefined ? 1 : parseWeight(weightText);
  if (Number.isNaN(weight)) return `weight "${weightText}" is not a positive number`;
  return { src, dst, weight };
}

/** `year|srcHost|dstHost<TAB>linkCount` (UK Web Archive host linkage). */
export function parseUkwaEdge(line: string): EdgeLineResult {
  const tab = line.indexOf('\t');
  if (tab === -1 || line.indexOf('\t', tab + 1) !== -1) return 'expected "year|src|dst<TAB>count"';
  const parts = line.slice(0, tab).split('|');
  if (parts.length !== 3) return `expected 3 "|"-separated fields (year|src|dst), got ${parts.length}`;
  const [year, src, dst] = parts as [string, string, string];
  if (!/^\d{4}$/.test(year)) return `year "${year}" is not 4 digits`;
  if (src.length === 0 || dst.length === 0) return 'empty host name';
  const countText = line.slice(tab + 1);
  const weight = /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
  if (!(weight > 0)) return `link count "${countText}" is not a positive integer`;
  return { src, dst, weight };
}
