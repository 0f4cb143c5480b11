import { linkIntersect, linkIntersectQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const linkIntersectRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/intersect',
    operationId: 'getLinkIntersect',
    summary: 'Domains linking to at least `min` competitors but not to the target',
    params: linkIntersectQuery,
    run: linkIntersect,
  }),
];
