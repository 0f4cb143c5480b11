import type { SqlParam } from '../../store/index.js';

/**
 * Collects positional parameters while a query is assembled, so that every value a user typed is
 * bound and never spliced into SQL text. `p(value)` returns the placeholder (`$3`) to write.
 */
export class SqlBuilder {
  readonly params: SqlParam[] = [];

  p(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}
