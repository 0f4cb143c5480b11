import { ValidationError } from '../../../core/errors.js';
import type { SqlParam, SqlParams } from '../../internal/values.js';

/** A query ready for @clickhouse/client: `{name:Type}` placeholders and the values to bind to them. */
export interface BoundQuery {
  query: string;
  params: Record<string, unknown>;
}

/** The ClickHouse type a JS value binds as, and the value in the form the client sends. */
function typed(value: SqlParam): { type: string; value: unknown } {
  if (value === null) return { type: 'Nullable(String)', value: null };
  if (value instanceof Date) return { type: "DateTime64(3, 'UTC')", value: clickHouseTime(value) };
  if (Array.isArray(value)) return { type: 'Array(String)', value: [...(value as readonly string[])] };
  switch (typeof value) {
    case 'string':
      return { type: 'String', value };
    case 'boolean':
      return { type: 'Bool', value };
    case 'bigint':
      return { type: value > 9223372036854775807n ? 'UInt64' : 'Int64', value };
    default: {
      const n = value as number;
      // The client cannot put a non-finite number in a parameter; ClickHouse reads inf/-inf/nan as text.
      if (!Number.isFinite(n)) return { type: 'Float64', value: Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf' };
      return { type: Number.isInteger(n) ? 'Int64' : 'Float64', value: n };
    }
  }
}

/**
 * `2026-03-02 10:00:00.000`: the text form ClickHouse parses for DateTime64 in UTC. The client's own
 * Date formatting sends Unix seconds, which drops the milliseconds on some servers.
 */
export function clickHouseTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Translate the port's placeholders (`$1`, or `$name` with an object) into ClickHouse's
 * `{p1:Type}` bindings, typed from the values. Values always travel as query parameters, never in
 * the SQL text. Quoted strings, quoted identifiers and comments are left alone.
 * @throws ValidationError when a placeholder has no value.
 */
export function bindParams(sql: string, params: SqlParams | undefined): BoundQuery {
  if (params === undefined) return { query: sql, params: {} };
  const positional = Array.isArray(params);
  const lookup = (name: string): SqlParam | undefined =>
    positional ? (params as readonly SqlParam[])[Number(name) - 1] : (params as Readonly<Record<string, SqlParam>>)[name];
  const out: Record<string, unknown> = {};
  let query = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(sql, i, c);
      query += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      query += sql.slice(i, stop);
      i = stop;
    } else if (c === '$') {
      const m = /^\$(\d+|[A-Za-z_]\w*)/.exec(sql.slice(i, i + 64));
      if (!m) {
        query += c;
        i++;
        continue;
      }
      const name = m[1]!;
      const value = lookup(name);
      if (value === undefined) throw new ValidationError(`No value for SQL parameter $${name}`, [{ where: `$${name}`, message: 'no value bound' }]);
      const key = positional ? `p${name}` : name;
      const t = typed(value);
      out[key] = t.value;
      query += `{${key}:${t.type}}`;
      i += m[0].length;
    } else {
      query += c;
      i++;
    }
  }
  return { query, params: out };
}

/** Index just past the quote that closes the one at `start` (a doubled quote or a backslash escapes). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return sql.length;
}
