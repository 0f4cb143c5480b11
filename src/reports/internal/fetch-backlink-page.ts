import type { Store } from '../../store/index.js';
import type { TargetRef } from '../types.js';
import { toBacklinkRow } from './backlink-row.js';
import type { BacklinkRow, LinkDbRow } from './backlink-row.js';
import { backlinkRowsSql, backlinksPageSql } from './backlinks-sql.js';
import type { BacklinkFilterValues, PageEntry } from './backlinks-sql.js';
import type { CursorPosition } from './cursor.js';

export interface FetchedPage {
  rows: BacklinkRow[];
  /** The sort key of each row, for the next cursor. */
  keys: unknown[];
  totals: { links: number; domains: number } | null;
}

/** One page of backlinks in two steps: the page's ids (and totals) over narrow columns, then those rows in full. */
export async function fetchBacklinkPage(
  store: Store,
  target: TargetRef,
  filters: BacklinkFilterValues,
  page: { limit: number; offset: number; after: CursorPosition | null; totals: boolean },
): Promise<FetchedPage> {
  const q = backlinksPageSql(target, filters, page);
  const head = await store.one<{ links?: bigint; domains?: bigint; page: PageEntry[] }>(q.sql, q.params);
  const entries = head?.page ?? [];
  const totals = page.totals ? { links: Number(head?.links ?? 0), domains: Number(head?.domains ?? 0) } : null;
  if (entries.length === 0) return { rows: [], keys: [], totals };
  const ids = entries.map((e) => Number(e.id));
  const r = backlinkRowsSql(target, ids);
  const byId = new Map((await store.all<LinkDbRow>(r.sql, r.params)).map((row) => [Number(row.id), row]));
  const rows: BacklinkRow[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) rows.push(toBacklinkRow(row));
  }
  return { rows, keys: entries.map((e) => e.k), totals };
}
