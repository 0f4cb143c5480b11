import { brokenBacklinks, brokenBacklinksQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const brokenBacklinkRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/broken',
    operationId: 'getBrokenBacklinks',
    summary: 'Backlinks to target pages answering 4xx or 5xx, best sources first (links to reclaim)',
    params: brokenBacklinksQuery,
    run: brokenBacklinks,
  }),
];
