/** Turn ClickHouse's JSON output into the row shapes the DuckDB adapter returns. */

export interface ColumnMeta {
  name: string;
  type: string;
}

/** `2026-03-02 10:00:00.123` (UTC: the adapter pins the session time zone) → Date. */
function parseTime(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z`);
}

function unwrap(type: string, wrapper: string): string | null {
  return type.startsWith(`${wrapper}(`) && type.endsWith(')') ? type.slice(wrapper.length + 1, -1) : null;
}

/**
 * Decode one value by its ClickHouse type: 64-bit and wider integers (quoted, see
 * `output_format_json_quote_64bit_integers`) → bigint, DateTime/DateTime64/Date → Date,
 * Nullable → null, Array → array; everything else as JSON gave it.
 */
export function decodeValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const inner = unwrap(type, 'Nullable') ?? unwrap(type, 'LowCardinality');
  if (inner !== null) return decodeValue(inner, value);
  const item = unwrap(type, 'Array');
  if (item !== null) return (value as unknown[]).map((v) => decodeValue(item, v));
  if (/^U?Int(64|128|256)$/.test(type)) return BigInt(value as string | number);
  if (type.startsWith('DateTime') || type === 'Date' || type === 'Date32') return parseTime(String(value));
  if (type.startsWith('Float') || type.startsWith('Decimal')) {
    if (typeof value === 'string') return value === 'inf' || value === '+inf' ? Infinity : value === '-inf' ? -Infinity : Number(value);
    return value;
  }
  if (type === 'Bool') return value === true || value === 1 || value === 'true';
  return value;
}

/** Decode every row of a `JSON`-format answer in place. */
export function decodeRows<T>(meta: readonly ColumnMeta[], data: Record<string, unknown>[]): T[] {
  for (const row of data) {
    for (const { name, type } of meta) row[name] = decodeValue(type, row[name]);
  }
  return data as T[];
}
