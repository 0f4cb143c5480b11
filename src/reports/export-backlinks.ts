import type { Store } from '../store/index.js';
import type { BacklinkRow } from './internal/backlink-row.js';
import { backlinkFilterValues } from './internal/backlinks-sql.js';
import type { CursorPosition } from './internal/cursor.js';
import { fetchBacklinkPage } from './internal/fetch-backlink-page.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { backlinksExportQuery } from './schemas/backlinks-query.js';
import type { BacklinksExportQuery } from './schemas/backlinks-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { TargetRef } from './types.js';

export interface ExportBacklinksOptions {
  /** Links fetched per query; memory is bounded by one batch. */
  batchSize?: number;
}

export const EXPORT_BACKLINKS_DEFAULTS = { batchSize: 50_000 } satisfies Required<ExportBacklinksOptions>;

export interface BacklinksExport {
  target: TargetRef;
  /** Every matching link in sort order, a batch at a time. */
  batches: AsyncIterable<BacklinkRow[]>;
}

/**
 * Every link the backlinks report would list for these filters, in batches, for CSV exports of any
 * size. Batches continue from the last row of the previous one (keyset), so a batch costs the same
 * however deep the export is. The target is resolved before the first batch, so an unknown target
 * fails before anything is streamed.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 */
export async function exportBacklinks(store: Store, input: BacklinksExportQuery, options: ExportBacklinksOptions = {}): Promise<BacklinksExport> {
  const { batchSize } = { ...EXPORT_BACKLINKS_DEFAULTS, ...options };
  const q = parseReportInput(backlinksExportQuery, input);
  const ref = targetRef(await resolveTarget(store, q.target));
  const filters = backlinkFilterValues(q);
  async function* batches(): AsyncGenerator<BacklinkRow[]> {
    let after: CursorPosition | null = null;
    while (true) {
      const page = await fetchBacklinkPage(store, ref, filters, { limit: batchSize, offset: 0, after, totals: false });
      if (page.rows.length === 0) return;
      yield page.rows;
      if (page.rows.length < batchSize) return;
      after = { key: page.keys[page.rows.length - 1] as CursorPosition['key'], id: page.rows[page.rows.length - 1]!.id };
    }
  }
  return { target: ref, batches: batches() };
}
