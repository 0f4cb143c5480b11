import type { TargetScope } from '../../core/types.js';
import { EXTERNAL_SQL, SqlBuilder, scopeSql } from '../../reports/index.js';
import type { SqlParam, StoreDialect } from '../../store/index.js';

/**
 * "`links l` is an external backlink of the target": its destination in the target's scope (the
 * reports' own predicate: both schemes for URL scopes), from another registrable domain.
 * Parameters are appended to `params`. Web-graph rows (ccgraph) are host-level edges with no page
 * to fetch.
 */
export function backlinkSql(target: { scope: TargetScope; value: string }, params: SqlParam[], dialect: StoreDialect): string {
  return `${scopeSql(target, new SqlBuilder(dialect, params))} AND ${EXTERNAL_SQL} AND l.source <> 'ccgraph'`;
}
