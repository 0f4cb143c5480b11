import { booleanField, parseReportInput, REF_DOMAIN_COLUMNS, refDomains, refDomainsQuery, toCsv } from '../../reports/index.js';
import type { RefDomainRow, RefDomainsQuery } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import { csvStream } from '../internal/csv-stream.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

const exportParams = refDomainsQuery.omit({ limit: true, offset: true }).extend({ bom: booleanField('start with a UTF-8 byte order mark, for Excel').default(false) });
const PAGE = 1000;

/** The first page (already fetched), then the following ones until a short page. */
async function* pages(store: Store, input: RefDomainsQuery, first: RefDomainRow[]): AsyncGenerator<RefDomainRow[]> {
  let rows = first;
  for (let offset = PAGE; ; offset += PAGE) {
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    rows = (await refDomains(store, { ...input, limit: PAGE, offset })).rows;
  }
}

export const refDomainRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/refdomains',
    operationId: 'getRefDomains',
    summary: 'Referring domains of a target: authority, link counts, first and last seen, lost, toxicity',
    params: refDomainsQuery,
    run: refDomains,
  }),
  {
    method: 'get',
    path: '/targets/:target/refdomains.csv',
    operationId: 'exportRefDomains',
    summary: 'Every referring domain matching the filters, as CSV',
    tag: 'reports',
    params: exportParams,
    notFound: true,
    success: { status: 200, contentType: 'text/csv', description: 'CSV, one record per domain, after a header record' },
    handle: async ({ c, store, input }) => {
      const { bom } = parseReportInput(exportParams, input);
      const { bom: _bom, ...filters } = input;
      // The first page is fetched before answering, so a bad target is a 404, not a broken stream.
      const first = await refDomains(store, { ...(filters as RefDomainsQuery), limit: PAGE, offset: 0 });
      return csvStream(c, `refdomains-${first.target.name}.csv`, pages(store, filters as RefDomainsQuery, first.rows), (rows, head) => toCsv(rows, REF_DOMAIN_COLUMNS, { header: head, bom: head && bom }));
    },
  },
];
