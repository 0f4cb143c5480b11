import type { Store } from '../../store/index.js';
import type { TargetRef } from '../types.js';
import { toBacklinkRow } from './backlink-row.js';
import type { LinkDbRow } from './backlink-row.js';
import { backlinkWhere, ROW_COLUMNS, sortKeySql } from './backlinks-sql.js';
import type { BacklinkFilterValues } from './backlinks-sql.js';
import type { CursorPosition } from './cursor.js';
import type { FetchedPage } from './fetch-backlink-page.js';
import { SqlBuilder } from './sql-builder.js';

/**
 * A page of backlinks on the ClickHouse store: the same filters, order, keyset and totals as the
 * DuckDB path, in ClickHouse SQL. A column store reads only the columns a query names, so the page
 * comes in one statement with its full rows (DuckDB's two phases exist to avoid decompressing wide
 * columns; see backlinks-sql.ts), and the totals in a second.
 */
export async function fetchBacklinkPageClickHouse(
  store: Store,
  target: TargetRef,
  f: BacklinkFilterValues,
  page: { limit: number; offset: number; after: CursorPosition | null; totals: boolean },
): Promise<FetchedPage> {
  const b = new SqlBuilder('clickhouse');
  const { where } = backlinkWhere(target, f, b);
  const dir = f.order === 'desc' ? 'DESC' : 'ASC';
  const key = sortKeySql(f.sort, f.order, b);
  const qualify = f.onePerDomain ? `QUALIFY row_number() OVER (PARTITION BY l.src_domain ORDER BY ${key} ${dir}, l.id ${dir}) = 1` : '';
  const matching = `SELECT ${ROW_COLUMNS}, d.authority AS authority, d.toxicity AS toxicity, ${key} AS k
    FROM links l LEFT JOIN domains d ON d.domain = l.src_domain
    WHERE ${where} ${qualify}`;
  let totals: FetchedPage['totals'] = null;
  if (page.totals) {
    const t = await store.one<{ links: bigint; domains: bigint }>(`SELECT count() AS links, uniqExact(src_domain) AS domains FROM (${matching})`, b.params);
    totals = { links: Number(t?.links ?? 0), domains: Number(t?.domains ?? 0) };
  }
  const pb = new SqlBuilder('clickhouse');
  pb.params.push(...b.params);
  let keyset = '';
  if (page.after) {
    const cmp = f.order === 'desc' ? '<' : '>';
    const k = pb.p(page.after.key);
    keyset = `WHERE (k ${cmp} ${k} OR (k = ${k} AND id ${cmp} ${pb.p(page.after.id)}))`;
  }
  const rows = await store.all<LinkDbRow & { k: unknown }>(
    `SELECT * FROM (${matching}) ${keyset} ORDER BY k ${dir}, id ${dir} LIMIT ${pb.p(page.limit)} OFFSET ${pb.p(page.offset)}`,
    pb.params,
  );
  return { rows: rows.map(toBacklinkRow), keys: rows.map((r) => r.k), totals, source: 'links' };
}
