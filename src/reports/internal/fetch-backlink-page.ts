import { clusteredLinkIdBound, linkRollupStatus } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import type { ReportSource, TargetRef } from '../types.js';
import { toBacklinkRow } from './backlink-row.js';
import type { BacklinkRow, LinkDbRow } from './backlink-row.js';
import { DOMAIN_SORTS, domainPageHeadSql, domainPageLinksSql, rollupBacklinkCounts } from './backlinks-by-domain-sql.js';
import type { DomainPageHead } from './backlinks-by-domain-sql.js';
import { backlinkRowsSql, backlinksPageSql } from './backlinks-sql.js';
import type { BacklinkFilterValues, PageEntry } from './backlinks-sql.js';
import type { CursorPosition } from './cursor.js';
import { fetchBacklinkPageClickHouse } from './fetch-backlink-page-clickhouse.js';

export interface FetchedPage {
  rows: BacklinkRow[];
  /** The sort key of each row, for the next cursor. */
  keys: unknown[];
  totals: { links: number; domains: number } | null;
  /** Where the page's head (totals and domains) came from. */
  source: ReportSource;
}

type PagePosition = { limit: number; offset: number; after: CursorPosition | null; totals: boolean };

/**
 * Above this many candidate domains (many ties, as in a store not ranked yet), the domain-grain
 * page costs more than the general query: an IN list that long no longer filters cheaply.
 */
const DOMAIN_GRAIN_MAX = 1000;

/**
 * Up to this many links of the kept domains, phase 1b fetches the page's full rows itself: reading
 * the wide columns of a few hundred links costs less than a second scan of the target's range by id
 * (page 1 of 100 over 148 links: 109 ms against 45 + 97 ms; 705 links: 215 against 238 ms, on the
 * 10M-link benchmark store). Beyond it, the narrow ids first, then the rows.
 */
const ONE_SCAN_MAX_LINKS = 750;

/**
 * One page of backlinks: the page's ids (and totals) over narrow columns, then those rows in full.
 * Sorted by a domain metric, the page is found at domain grain first (backlinks-by-domain-sql.ts).
 */
export async function fetchBacklinkPage(store: Store, target: TargetRef, filters: BacklinkFilterValues, page: PagePosition): Promise<FetchedPage> {
  if (store.dialect === 'clickhouse') return fetchBacklinkPageClickHouse(store, target, filters, page);
  const head = await pageEntries(store, target, filters, page);
  const { entries, source } = head;
  if (head.rows) return { rows: head.rows.map(toBacklinkRow), keys: head.rows.map((r) => r.k), totals: head.totals, source };
  if (entries.length === 0) return { rows: [], keys: [], totals: head.totals, source };
  const ids = entries.map((e) => Number(e.id));
  const r = backlinkRowsSql(target, ids, await clusteredLinkIdBound(store));
  const byId = new Map((await store.all<LinkDbRow>(r.sql, r.params)).map((row) => [Number(row.id), row]));
  const rows: BacklinkRow[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) rows.push(toBacklinkRow(row));
  }
  return { rows, keys: entries.map((e) => e.k), totals: head.totals, source };
}

async function pageEntries(
  store: Store,
  target: TargetRef,
  filters: BacklinkFilterValues,
  page: PagePosition,
): Promise<{ entries: PageEntry[]; rows?: (LinkDbRow & { k: unknown })[]; totals: FetchedPage['totals']; source: ReportSource }> {
  const totalsOf = (h: { links?: bigint; domains?: bigint } | undefined) =>
    page.totals ? { links: Number(h?.links ?? 0), domains: Number(h?.domains ?? 0) } : null;
  if (DOMAIN_SORTS.has(filters.sort)) {
    const counts = rollupBacklinkCounts(target, filters);
    const status = counts !== null ? await linkRollupStatus(store) : null;
    const rollup = status?.current === true ? counts : null;
    const source: ReportSource = rollup ? 'rollup' : 'links';
    const a = domainPageHeadSql(target, filters, page, rollup, status?.metricsCurrent === true);
    const head = await store.one<DomainPageHead>(a.sql, a.params);
    const sel = head?.sel ?? [];
    const totals = totalsOf(head);
    if (sel.length === 0) return { entries: [], totals, source };
    if (sel.length <= DOMAIN_GRAIN_MAX && sel.reduce((n, s) => n + Number(s.n), 0) <= ONE_SCAN_MAX_LINKS) {
      const b = domainPageLinksSql(target, filters, page, sel, true);
      return { entries: [], rows: await store.all<LinkDbRow & { k: unknown }>(b.sql, b.params), totals, source };
    }
    if (sel.length <= DOMAIN_GRAIN_MAX) {
      const b = domainPageLinksSql(target, filters, page, sel);
      const r = await store.one<{ page: PageEntry[] }>(b.sql, b.params);
      return { entries: r?.page ?? [], totals, source };
    }
    const q = backlinksPageSql(target, filters, { ...page, totals: false });
    return { entries: (await store.one<{ page: PageEntry[] }>(q.sql, q.params))?.page ?? [], totals, source };
  }
  const q = backlinksPageSql(target, filters, page);
  const head = await store.one<{ links?: bigint; domains?: bigint; page: PageEntry[] }>(q.sql, q.params);
  return { entries: head?.page ?? [], totals: totalsOf(head), source: 'links' };
}
