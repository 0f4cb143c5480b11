import type { SqlParam, StoreDialect } from '../../store/index.js';

/**
 * Collects positional parameters while a query is assembled, so that every value a user typed is
 * bound and never spliced into SQL text. `p(value)` returns the placeholder (`$3`) to write; each
 * store adapter binds `$n` natively (ClickHouse as a typed `{p3:Type}` parameter).
 * The few functions whose names differ between the store dialects are spelled here.
 */
export class SqlBuilder {
  readonly params: SqlParam[];
  readonly dialect: StoreDialect;

  /** @param params a query's parameters so far, to number the new ones after (and push them to). */
  constructor(dialect: StoreDialect = 'duckdb', params: SqlParam[] = []) {
    this.dialect = dialect;
    this.params = params;
  }

  p(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** `haystack` contains the text `needle`. */
  contains(haystack: string, needle: string): string {
    return this.dialect === 'clickhouse' ? `position(${haystack}, ${needle}) > 0` : `contains(${haystack}, ${needle})`;
  }

  /** `text` starts with `prefix`. */
  startsWith(text: string, prefix: string): string {
    return this.dialect === 'clickhouse' ? `startsWith(${text}, ${prefix})` : `starts_with(${text}, ${prefix})`;
  }

  /** A boolean expression as a true boolean column (ClickHouse comparisons give UInt8). */
  bool(expr: string): string {
    return this.dialect === 'clickhouse' ? `CAST(${expr} AS Bool)` : expr;
  }

  /** Aggregate: any row of the group satisfies `expr`. */
  boolOr(expr: string): string {
    return this.dialect === 'clickhouse' ? `CAST(max(${expr}) AS Bool)` : `bool_or(${expr})`;
  }
}
