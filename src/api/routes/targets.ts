import { ValidationError } from '../../core/errors.js';
import { addTarget, addTargetInput, listTargets, listTargetsInput, parseReportInput, removeTarget, resolveTarget, targetRefInput } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';

/** The tracked sites: list, add, show, remove. */
export const targetRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/targets',
    operationId: 'listTargets',
    summary: 'List the tracked sites (own and competitors)',
    tag: 'targets',
    params: listTargetsInput,
    success: { status: 200, contentType: 'application/json', description: 'the targets' },
    handle: async ({ c, store, input }) => c.json({ targets: await listTargets(store, input) }),
  },
  {
    method: 'post',
    path: '/targets',
    operationId: 'addTarget',
    summary: 'Track a site',
    description: 'The scope (exact URL, URL prefix, host or domain) is detected from the value unless given.',
    tag: 'targets',
    body: addTargetInput,
    write: true,
    success: { status: 201, contentType: 'application/json', description: 'the stored target' },
    handle: async ({ c, store, input }) => {
      if (Object.keys(input).length > 0) throw new ValidationError('Invalid parameter: this operation takes a JSON body, not query parameters', Object.keys(input).map((k) => ({ where: k, message: 'unknown parameter' })));
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new ValidationError('Invalid parameter body: expected a JSON object', [{ where: 'body', message: 'expected a JSON object' }]);
      }
      return c.json(await addTarget(store, body as never), 201);
    },
  },
  {
    method: 'get',
    path: '/targets/:target',
    operationId: 'getTarget',
    summary: 'Show one target',
    tag: 'targets',
    params: targetRefInput,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the target' },
    handle: async ({ c, store, input }) => c.json(await resolveTarget(store, parseReportInput(targetRefInput, input).target)),
  },
  {
    method: 'delete',
    path: '/targets/:target',
    operationId: 'removeTarget',
    summary: 'Stop tracking a target (its links stay in the store)',
    tag: 'targets',
    params: targetRefInput,
    write: true,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the removed target' },
    handle: async ({ c, store, input }) => c.json(await removeTarget(store, input as never)),
  },
];
