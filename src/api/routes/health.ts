import type { ApiRoute } from './api-route.js';

/** The one route that answers without a token: for load balancers and `curl` checks. */
export function healthRoutes(version: string): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Liveness: the server answers and its store can be queried',
      tag: 'meta',
      public: true,
      success: { status: 200, contentType: 'application/json', description: 'the server is up' },
      handle: async ({ c, store }) => {
        await store.one(`SELECT 1 AS ok`);
        return c.json({ status: 'ok', version });
      },
    },
  ];
}
