import type { ApiRoute } from './api-route.js';

/** The OpenAPI document route; `document` is built once the route list is complete. */
export function openApiRoutes(document: () => object): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This OpenAPI 3.1 document',
      tag: 'meta',
      success: { status: 200, contentType: 'application/json', description: 'the OpenAPI document' },
      handle: async ({ c }) => c.json(document()),
    },
  ];
}
