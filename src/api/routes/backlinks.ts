import {
  BACKLINK_COLUMNS, backlinks, backlinksExportQuery, backlinksQuery, booleanField, exportBacklinks, parseReportInput, toCsv,
} from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';
import { csvStream } from '../internal/csv-stream.js';

/** The export's parameters: the backlinks filters, plus `bom`. */
const exportParams = backlinksExportQuery.extend({ bom: booleanField('start with a UTF-8 byte order mark, for Excel').default(false) });

export const backlinkRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/backlinks',
    operationId: 'getBacklinks',
    summary: 'Backlinks of a target, filtered, sorted and paged (cursor or offset)',
    params: backlinksQuery,
    run: backlinks,
  }),
  {
    method: 'get',
    path: '/targets/:target/backlinks.csv',
    operationId: 'exportBacklinks',
    summary: 'Every backlink matching the filters, streamed as CSV (RFC 4180, UTF-8)',
    tag: 'reports',
    params: exportParams,
    notFound: true,
    success: { status: 200, contentType: 'text/csv', description: 'CSV, one record per link, after a header record' },
    handle: async ({ c, store, input }) => {
      const { bom } = parseReportInput(exportParams, input);
      const { bom: _bom, ...filters } = input;
      const out = await exportBacklinks(store, filters as never);
      return csvStream(c, `backlinks-${out.target.name}.csv`, out.batches, (rows, first) => toCsv(rows, BACKLINK_COLUMNS, { header: first, bom: first && bom }));
    },
  },
];
