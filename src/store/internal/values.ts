import { DuckDBTimestampValue, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';

/** A value a caller may bind as a SQL parameter. Dates bind as UTC TIMESTAMPs, string arrays as VARCHAR[]. */
export type SqlParam = string | number | boolean | bigint | null | Date | readonly string[];
export type SqlParams = readonly SqlParam[] | Readonly<Record<string, SqlParam>>;

export function timestampValue(date: Date): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
}

const VARCHAR_LIST = LIST(VARCHAR);

function toDuckValue(value: SqlParam): DuckDBValue {
  if (value instanceof Date) return timestampValue(value);
  if (Array.isArray(value)) return listValue([...(value as readonly string[])]);
  return value as DuckDBValue;
}

/** The bind type of a value, where DuckDB cannot infer it: an empty list has no item type of its own. */
function toDuckType(value: SqlParam): DuckDBType | undefined {
  return Array.isArray(value) ? VARCHAR_LIST : undefined;
}

/** Convert our parameter shapes into what @duckdb/node-api binds. */
export function toDuckParams(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return (params as readonly SqlParam[]).map(toDuckValue);
  const out: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params as Record<string, SqlParam>)) out[key] = toDuckValue(value);
  return out;
}

/** Bind types for the parameters that need one (string lists), in the shape `run(sql, values, types)` takes. */
export function toDuckTypes(params: SqlParams | undefined): DuckDBType[] | Record<string, DuckDBType> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) {
    const list = params as readonly SqlParam[];
    if (!list.some(Array.isArray)) return undefined;
    return list.map((v) => toDuckType(v) ?? (undefined as unknown as DuckDBType));
  }
  const out: Record<string, DuckDBType> = {};
  for (const [key, value] of Object.entries(params as Record<string, SqlParam>)) {
    const type = toDuckType(value);
    if (type) out[key] = type;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Quote an identifier for the rare place where it cannot be a parameter (table names). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
