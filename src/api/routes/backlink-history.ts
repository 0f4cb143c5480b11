import { backlinkHistory, backlinkHistoryQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const backlinkHistoryRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/history',
    operationId: 'getBacklinkHistory',
    summary: 'New, lost and total backlinks and referring domains per day, week or month',
    params: backlinkHistoryQuery,
    run: backlinkHistory,
  }),
];
