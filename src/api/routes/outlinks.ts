import { outlinks, outlinksQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const outlinkRoutes: ApiRoute[] = [
  reportRoute({
    path: '/sites/:site/outlinks',
    operationId: 'getOutlinks',
    summary: 'External links going out of a site, per destination domain, with links back (link exchanges)',
    params: outlinksQuery,
    run: outlinks,
  }),
];
