import type { z } from 'zod';
import type { Store } from '../../store/index.js';
import type { ApiRoute } from './api-route.js';

/** A read-only JSON report at `path`, answered by `run` with the merged path and query parameters. */
export function reportRoute(spec: {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag?: string;
  params: z.ZodObject;
  run: (store: Store, input: never) => Promise<unknown>;
}): ApiRoute {
  return {
    method: 'get',
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tag: spec.tag ?? 'reports',
    params: spec.params,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the report' },
    handle: async ({ c, store, input }) => c.json((await spec.run(store, input as never)) as object),
  };
}
