import { ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import type { BacklinkRow } from './internal/backlink-row.js';
import { backlinkFilterValues, sortKeyType } from './internal/backlinks-sql.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './internal/cursor.js';
import { fetchBacklinkPage } from './internal/fetch-backlink-page.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { backlinksQuery } from './schemas/backlinks-query.js';
import type { BacklinksQuery } from './schemas/backlinks-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, ReportPage, ReportSource } from './types.js';

export type { BacklinkRow } from './internal/backlink-row.js';

export interface BacklinksResult extends ReportPage<BacklinkRow> {
  /** Distinct referring domains among the matching links. */
  refDomains: number;
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** Where the totals and the page's domains came from: the link rollup (when current) or the links table. */
  source: ReportSource;
}

/** The columns tables and CSV show, in order. */
export const BACKLINK_COLUMNS: readonly ReportColumn<BacklinkRow>[] = [
  { key: 'sourceUrl', header: 'source' },
  { key: 'authority', header: 'authority', align: 'right' },
  { key: 'targetUrl', header: 'target' },
  { key: 'anchor', header: 'anchor' },
  { key: 'kind', header: 'kind' },
  { key: 'followed', header: 'followed' },
  { key: 'position', header: 'position' },
  { key: 'firstSeen', header: 'first seen' },
  { key: 'lastSeen', header: 'last seen' },
  { key: 'lostAt', header: 'lost' },
];

/**
 * The links pointing at a target from other domains, filtered, sorted and paged.
 *
 * Paging: `offset` + `limit`, or `cursor` (keyset: stable while links are added, and as fast on
 * page 1,000 as on page 1). Ties in the sort column are broken by link id. Unknown authority or
 * toxicity (not yet ranked or audited) sorts last in either direction.
 * Sorted by a domain metric, a domain-scoped target's totals and page domains come from the link
 * rollup while it is current (docs/link-rollup.md); `source` says which.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 * @example await backlinks(store, { target: 'acme', rel: 'follow', minAuthority: 30, onePerDomain: true })
 */
export async function backlinks(store: Store, input: BacklinksQuery): Promise<BacklinksResult> {
  const q = parseReportInput(backlinksQuery, input);
  if (q.cursor !== undefined && q.offset > 0) {
    throw new ValidationError('Invalid parameter offset: use either cursor or offset, not both', [{ where: 'offset', message: 'use either cursor or offset, not both' }]);
  }
  const target = await resolveTarget(store, q.target);
  const ref = targetRef(target);
  const filters = backlinkFilterValues(q);
  const fingerprint = queryFingerprint({ ...filters, target: target.id });
  const keyType = sortKeyType(q.sort);
  const after = q.cursor === undefined ? null : decodeCursor(q.cursor, fingerprint, keyType);

  const page = await fetchBacklinkPage(store, ref, filters, { limit: q.limit + 1, offset: q.offset, after, totals: true });
  const more = page.rows.length > q.limit;
  const rows = more ? page.rows.slice(0, q.limit) : page.rows;
  const last = rows[rows.length - 1];
  const domains = page.totals?.domains ?? 0;
  return {
    target: ref,
    total: q.onePerDomain ? domains : (page.totals?.links ?? 0),
    refDomains: domains,
    limit: q.limit,
    offset: q.offset,
    rows,
    nextCursor: more && last ? encodeCursor(fingerprint, keyType, page.keys[rows.length - 1], last.id) : null,
    source: page.source,
  };
}
