/**
 * Which delimiter a vendor export uses, from its header line: tab (Ahrefs), semicolon (Excel in
 * locales with a decimal comma) or comma. Counts each candidate outside quotes on the first line
 * and takes the most frequent; ties go tab, then semicolon, then comma, since a header with tabs or
 * semicolons in it is almost never comma-separated. Excel's `sep=;` first line wins outright.
 */

export type CsvDelimiter = ',' | '\t' | ';';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', '\t', ';'];

export interface SniffedDelimiter {
  delimiter: CsvDelimiter;
  /** Characters of a leading `sep=X` line (and its line break) to drop; 0 when there is none. */
  sepLineChars: number;
}

/** Sniff the delimiter from the start of the text (at least its first line). */
export function sniffDelimiter(text: string): SniffedDelimiter {
  const sep = /^sep=([,;\t|])\r?\n/i.exec(text);
  if (sep !== null && (CSV_DELIMITERS as readonly string[]).includes(sep[1]!)) {
    return { delimiter: sep[1] as CsvDelimiter, sepLineChars: sep[0].length };
  }
  const counts = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === '\t' || c === ';' || c === ',')) counts[c]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of ['\t', ';', ','] as const) if (counts[d] > counts[best] || (counts[d] > 0 && counts[d] === counts[best] && best === ',')) best = d;
  return { delimiter: best, sepLineChars: 0 };
}
