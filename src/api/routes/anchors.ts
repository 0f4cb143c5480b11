import { anchors, anchorsQuery } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';
import { reportRoute } from './report-route.js';

export const anchorRoutes: ApiRoute[] = [
  reportRoute({
    path: '/targets/:target/anchors',
    operationId: 'getAnchors',
    summary: 'Anchor-text distribution by class (branded, exact-match, …) with an over-optimisation warning',
    params: anchorsQuery,
    run: (store, input) => anchors(store, input),
  }),
];
