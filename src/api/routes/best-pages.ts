import { bestPages, bestPagesQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const bestPageRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/pages',
    operationId: 'getBestPages',
    summary: "The target's pages ranked by referring domains and backlinks, with their crawl status",
    params: bestPagesQuery,
    run: bestPages,
  }),
];
