import { targetSummary, targetSummaryQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const targetSummaryRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/summary',
    operationId: 'getTargetSummary',
    summary: 'The profile at a glance: authority, live backlinks and referring domains, rel classes, authority and toxicity bands',
    params: targetSummaryQuery,
    run: targetSummary,
  }),
];
