import type { StoreDialect } from '../../store/index.js';

/** The SQL fragments prospecting spells differently on the two store dialects. */
export interface DialectSql {
  /** The array (a parameter or a column) `list` holds `value`. */
  has(list: string, value: string): string;
  /** The first `n` characters of `text` (characters, not bytes, on both). */
  left(text: string, n: number): string;
  /** Lower case, Unicode-aware on both. */
  lower(text: string): string;
  /** `text` matches the RE2 `pattern`. */
  matches(text: string, pattern: string, caseInsensitive?: boolean): string;
  /** Aggregate: the group's texts joined by spaces, in no particular order (`distinct`: each text once). */
  joinTexts(expr: string, distinct?: boolean): string;
  /** Aggregate: some row of the group satisfies `expr`. */
  anyTrue(expr: string): string;
}

const DUCKDB: DialectSql = {
  has: (list, value) => `list_contains(${list}, ${value})`,
  left: (text, n) => `left(${text}, ${n})`,
  lower: (text) => `lower(${text})`,
  matches: (text, pattern, caseInsensitive = false) => `regexp_matches(${text}, ${pattern}${caseInsensitive ? `, 'i'` : ''})`,
  joinTexts: (expr, distinct = false) => `string_agg(${distinct ? 'DISTINCT ' : ''}${expr}, ' ')`,
  anyTrue: (expr) => `bool_or(${expr})`,
};

const CLICKHOUSE: DialectSql = {
  has: (list, value) => `has(${list}, ${value})`,
  left: (text, n) => `leftUTF8(${text}, ${n})`,
  lower: (text) => `lowerUTF8(${text})`,
  matches: (text, pattern, caseInsensitive = false) => `match(${text}, ${caseInsensitive ? `concat('(?i)', ${pattern})` : pattern})`,
  joinTexts: (expr, distinct = false) => `arrayStringConcat(${distinct ? 'groupUniqArray' : 'groupArray'}(${expr}), ' ')`,
  anyTrue: (expr) => `max(${expr})`,
};

/** The fragments of a store's dialect. */
export function dialectSql(dialect: StoreDialect): DialectSql {
  return dialect === 'clickhouse' ? CLICKHOUSE : DUCKDB;
}
