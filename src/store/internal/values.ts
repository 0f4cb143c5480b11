import { DuckDBTimestampValue, listValue } from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';

/** A value a caller may bind as a SQL parameter. Dates bind as UTC TIMESTAMPs, string arrays as VARCHAR[]. */
export type SqlParam = string | number | boolean | bigint | null | Date | readonly string[];
export type SqlParams = readonly SqlParam[] | Readonly<Record<string, SqlParam>>;

export function timestampValue(date: Date): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
}

function toDuckValue(value: SqlParam): DuckDBValue {
  if (value instanceof Date) return timestampValue(value);
  if (Array.isArray(value)) return listValue([...(value as readonly string[])]);
  return value as DuckDBValue;
}

/** Convert our parameter shapes into what @duckdb/node-api binds. */
export function toDuckParams(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return (params as readonly SqlParam[]).map(toDuckValue);
  const out: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params as Record<string, SqlParam>)) out[key] = toDuckValue(value);
  return out;
}

/** Quote an identifier for the rare place where it cannot be a parameter (table names). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
