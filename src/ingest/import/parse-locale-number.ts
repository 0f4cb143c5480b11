/**
 * Numbers as spreadsheets in any locale write them: `1234.5`, `1,234.5`, `1.234,5`, `1 234,5`
 * (space, no-break or narrow no-break space), `1'234.5`, `12%`. With both `.` and `,` present, the
 * last one is the decimal mark. With only one of them, it is a thousands separator when every group
 * after it has exactly three digits and there are at least two groups (`1,234,567`), or a single
 * group in a file whose decimal mark is known to be a comma (`decimalComma`); otherwise it is the
 * decimal mark (`1,5` → 1.5, `0.25` → 0.25).
 * @returns the number, or null when the text is not one (empty included).
 */
export function parseLocaleNumber(text: string, options: { decimalComma?: boolean } = {}): number | null {
  let t = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (t.endsWith('%')) t = t.slice(0, -1);
  if (!/^[+-]?[\d.,]*\d[\d.,]*$/.test(t)) return null;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let normalized: string;
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [int, frac, extra] = t.split(decimal);
    if (extra !== undefined || !groupsOfThree(int!, thousands)) return null;
    normalized = `${int!.replaceAll(thousands, '')}.${frac}`;
  } else if (lastDot !== -1 || lastComma !== -1) {
    const mark = lastDot !== -1 ? '.' : ',';
    const parts = t.split(mark);
    const thousandsShaped = parts.length > 1 && parts.slice(1).every((p) => p.length === 3) && parts[0]!.replace(/^[+-]/, '').length >= 1;
    const isThousands = thousandsShaped && (parts.length > 2 || (mark === ',' ? options.decimalComma !== true : options.decimalComma === true));
    if (isThousands) normalized = parts.join('');
    else if (parts.length === 2) normalized = `${parts[0]}.${parts[1]}`;
    else return null;
  } else normalized = t;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

function groupsOfThree(int: string, sep: string): boolean {
  const groups = int.replace(/^[+-]/, '').split(sep);
  return groups.every((g, i) => (i === 0 ? g.length >= 1 && g.length <= 3 : g.length === 3)) || groups.length === 1;
}
