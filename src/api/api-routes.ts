import type { ApiRoute } from './routes/api-route.js';
import { alertRoutes } from './routes/alerts.js';
import { anchorRoutes } from './routes/anchors.js';
import { auditRoutes } from './routes/audit.js';
import { backlinkHistoryRoutes } from './routes/backlink-history.js';
import { backlinkRoutes } from './routes/backlinks.js';
import { bestPageRoutes } from './routes/best-pages.js';
import { brokenBacklinkRoutes } from './routes/broken-backlinks.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { linkIntersectRoutes } from './routes/link-intersect.js';
import { openApiRoutes } from './routes/openapi.js';
import { outlinkRoutes } from './routes/outlinks.js';
import { prospectRoutes } from './routes/prospects.js';
import { refDomainRoutes } from './routes/ref-domains.js';
import { targetRoutes } from './routes/targets.js';
import { targetSummaryRoutes } from './routes/target-summary.js';

/** Every route of /api/v1, in the order the OpenAPI document lists them. */
export function apiRoutes(version: string, openApiDocument: () => object): ApiRoute[] {
  return [
    ...healthRoutes(version),
    ...openApiRoutes(openApiDocument),
    ...targetRoutes,
    ...targetSummaryRoutes,
    ...backlinkRoutes,
    ...refDomainRoutes,
    ...anchorRoutes,
    ...bestPageRoutes,
    ...brokenBacklinkRoutes,
    ...linkIntersectRoutes,
    ...backlinkHistoryRoutes,
    ...outlinkRoutes,
    ...prospectRoutes,
    ...auditRoutes,
    ...alertRoutes,
    ...jobRoutes,
  ];
}
