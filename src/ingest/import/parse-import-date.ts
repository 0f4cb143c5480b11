/**
 * Dates as vendor exports spell them, read as UTC (exports carry no zone unless they say so):
 * - ISO: `2026-11-24`, `2026-11-24 10:00:00`, `2026-11-24T10:00:00Z`, `2026-11-24T10:00:00+02:00`, `2026/11/24`
 * - day first with dots or dashes: `24.11.2026`, `24.11.26`, `24-11-2026`
 * - slashes: `11/24/2026` or `24/11/2026`; see {@link DateOrder}
 * - month names (English, full or short): `Nov 24, 2026`, `November 24 2026`, `24 Nov 2026`,
 *   `24-Nov-2026`, `Tue, 24 Nov 2026 10:00:00 GMT`
 * - Unix time: 10 digits (seconds) or 13 (milliseconds)
 * Any of them may carry a time (`10:00`, `10:00:00`, `10:00 PM`). Two-digit years are 20xx below 70.
 */

/**
 * How `a/b/yyyy` reads. `auto` starts month-first (the US default of the English exports) and
 * switches for the rest of the file when a value can only be day-first (a first part above 12);
 * a value that can only be month-first locks month-first. The state lives in the caller's object.
 */
export interface DateOrder {
  order: 'auto' | 'mdy' | 'dmy';
  /** Set once a value settled it (auto only). */
  locked?: 'mdy' | 'dmy';
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`);
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([.\-])(\d{1,2})\2(\d{2}|\d{4})\.?${TIME}$`);
const SLASH = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})${TIME}$`);
const MONTH_FIRST = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`);
const DAY_MONTH = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s\-.]+([A-Za-z]{3,9})\.?[\s\-.,]+(\d{2}|\d{4})${TIME}$`);
const EPOCH = /^\d{10}(\d{3})?$/;

/**
 * Parse one date cell. Empty cells and `-`, `n/a`, `never` are null (no date); anything else that
 * does not parse is an error, returned as a string so the caller can report it with the line.
 */
export function parseImportDate(text: string, order: DateOrder = { order: 'auto' }): Date | null | { error: string } {
  const t = text.trim();
  if (t === '' || t === '-' || t === '—' || /^(n\/?a|none|never|null)$/i.test(t)) return null;
  let m: RegExpExecArray | null;
  if (EPOCH.test(t)) return new Date(t.length === 13 ? Number(t) : Number(t) * 1000);
  if ((m = ISO.exec(t)) !== null) return build(t, +m[1]!, +m[2]!, +m[3]!, m, 4);
  if ((m = DAY_FIRST.exec(t)) !== null) return build(t, year(m[4]!), +m[3]!, +m[1]!, m, 5);
  if ((m = SLASH.exec(t)) !== null) {
    const a = +m[1]!;
    const b = +m[2]!;
    let dayFirst: boolean;
    if (order.order !== 'auto') dayFirst = order.order === 'dmy';
    else if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) dayFirst = false;
    else dayFirst = order.locked === 'dmy';
    if (order.order === 'auto' && order.locked === undefined && (a > 12) !== (b > 12)) order.locked = dayFirst ? 'dmy' : 'mdy';
    return build(t, year(m[3]!), dayFirst ? b : a, dayFirst ? a : b, m, 4);
  }
  if ((m = MONTH_FIRST.exec(t)) !== null) {
    const month = monthOf(m[1]!);
    if (month !== null) return build(t, +m[3]!, month, +m[2]!, m, 4);
  }
  if ((m = DAY_MONTH.exec(t)) !== null) {
    const month = monthOf(m[2]!);
    if (month !== null) return build(t, year(m[3]!), month, +m[1]!, m, 4);
  }
  return { error: `not a date: ${JSON.stringify(t.slice(0, 40))}` };
}

function monthOf(name: string): number | null {
  const key = name.toLowerCase();
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? null;
}

function year(text: string): number {
  const y = +text;
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/** Assemble and check a date; `m[t]`… are hour, minute, second, AM/PM, zone. */
function build(text: string, y: number, mo: number, d: number, m: RegExpExecArray, t: number): Date | { error: string } {
  let hour = m[t] === undefined ? 0 : +m[t]!;
  const minute = m[t + 1] === undefined ? 0 : +m[t + 1]!;
  const second = m[t + 2] === undefined ? 0 : +m[t + 2]!;
  const ampm = m[t + 3]?.toLowerCase();
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return { error: `not a date: ${JSON.stringify(text.slice(0, 40))}` };
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  const zone = m[t + 4];
  let offsetMinutes = 0;
  if (zone !== undefined && zone[0] !== undefined && (zone[0] === '+' || zone[0] === '-')) {
    const digits = zone.replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (+digits.slice(1, 3) * 60 + +digits.slice(3, 5));
  }
  const ms = Date.UTC(y, mo - 1, d, hour, minute, second);
  const check = new Date(ms);
  if (
    mo < 1 || mo > 12 || hour > 23 || minute > 59 || second > 59 ||
    check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d
  ) {
    return { error: `not a valid date: ${JSON.stringify(text.slice(0, 40))}` };
  }
  return new Date(ms - offsetMinutes * 60_000);
}
