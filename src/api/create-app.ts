import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { ValidationError, VouchError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { apiRoutes } from './api-routes.js';
import { bearerAuth } from './auth/bearer-auth.js';
import { handleError } from './handle-error.js';
import { queryInput } from './internal/query-input.js';
import { buildOpenApi } from './openapi/build-openapi.js';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';
import type { ApiEnv, ApiRoute } from './routes/api-route.js';

export interface AppOptions {
  store: Store;
  /** Reported by /health and the OpenAPI document. */
  version?: string;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Largest request body accepted. */
  maxBodyBytes?: number;
  /** A built dashboard (e.g. web/dist) to serve at `/`, with index.html for unknown non-API paths. */
  staticDir?: string | null;
  /** Where 5xx errors are written; they never reach the client. */
  log?: (err: unknown) => void;
}

export const APP_DEFAULTS = {
  version: '0.0.0',
  corsOrigins: [] as readonly string[],
  maxBodyBytes: 64 * 1024,
  staticDir: null as string | null,
  log: (err: unknown) => console.error(err),
} satisfies Required<Omit<AppOptions, 'store'>>;

/** Where the API lives; the dashboard owns every other path. */
export const API_PREFIX = '/api/v1';

/**
 * The HTTP app: the reports under /api/v1 (bearer token required except for /health), the OpenAPI
 * document at /api/v1/openapi.json, errors as RFC 9457 problem details, and optionally a static
 * dashboard. Use app.request() in unit checks, startServer() to listen.
 * @example const app = createApp({ store }); const res = await app.request('/api/v1/health');
 */
export function createApp(options: AppOptions): Hono<ApiEnv> {
  const o = { ...APP_DEFAULTS, ...options };
  const store = o.store;
  const app = new Hono<ApiEnv>();
  let document: object | null = null;
  const routes: ApiRoute[] = apiRoutes(o.version, () => (document ??= buildOpenApi(routes, { version: o.version, prefix: API_PREFIX })));
  const publicPaths = new Set(routes.filter((r) => r.public).map((r) => API_PREFIX + r.path));

  app.onError((err, c) => handleError(err, c, o.log));
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-store');
  });
  if (o.corsOrigins.length > 0) {
    app.use(`${API_PREFIX}/*`, cors({ origin: [...o.corsOrigins], allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'DELETE'], maxAge: 600 }));
  }
  app.use(`${API_PREFIX}/*`, bodyLimit({ maxSize: o.maxBodyBytes, onError: () => { throw new VouchError('TOO_LARGE', `The request body is larger than ${o.maxBodyBytes} bytes.`); } }));
  const auth = bearerAuth(store);
  app.use(`${API_PREFIX}/*`, async (c, next) => (publicPaths.has(c.req.path) ? next() : auth(c, next)));

  for (const route of routes) {
    app.on(route.method.toUpperCase(), API_PREFIX + route.path, async (c) => {
      if (route.write && c.get('tokenScope') !== 'write') throw new VouchError('FORBIDDEN', 'This token may only read; create one with write scope: vouch token create --scope write');
      const input = queryInput(c, c.req.param() as Record<string, string>);
      if (!route.params && !route.body && Object.keys(input).length > 0) {
        throw new ValidationError(`Invalid parameter ${Object.keys(input)[0]}: this operation takes no parameters`, Object.keys(input).map((k) => ({ where: k, message: 'unknown parameter' })));
      }
      return route.handle({ c, store, input });
    });
  }
  app.all(`${API_PREFIX}/*`, (c) => c.json(problem(404, `No API route ${c.req.method} ${c.req.path}. See ${API_PREFIX}/openapi.json`, 'NOT_FOUND', c.req.path), 404, { 'content-type': PROBLEM_CONTENT_TYPE }));

  if (o.staticDir) mountStatic(app, o.staticDir);
  app.notFound((c) => c.json(problem(404, `Nothing at ${c.req.path}`, 'NOT_FOUND', c.req.path), 404, { 'content-type': PROBLEM_CONTENT_TYPE }));
  return app;
}

/** Content-Security-Policy of the dashboard: its own scripts only, API calls to this origin. */
const DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The dashboard hook: files from `dir`, and its index.html for client-side routes (paths without a
 * file extension, so a missing asset is a 404, not a page). Vite names assets by content hash, so
 * they are cached for a year; index.html is revalidated on every load, so a rebuild shows at once.
 */
function mountStatic(app: Hono<ApiEnv>, dir: string): void {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  const pageHeaders = (c: Context): void => {
    c.header('cache-control', 'no-cache');
    c.header('content-security-policy', DASHBOARD_CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  };
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith(`${API_PREFIX}/`) || c.res.status >= 300) return;
    if ((c.res.headers.get('content-type') ?? '').startsWith('text/html')) pageHeaders(c);
    else {
      c.header('cache-control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      c.header('x-content-type-options', 'nosniff');
    }
  });
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.notFound();
    if (!existsSync(index) || !statSync(index).isFile()) return c.notFound();
    return c.html(readFileSync(index, 'utf8'));
  });
}
