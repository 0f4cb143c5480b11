import type { Context } from 'hono';
import type { z } from 'zod';
import type { Store } from '../../store/index.js';
import type { AuthVariables } from '../auth/bearer-auth.js';

export type ApiEnv = { Variables: AuthVariables };

/** What a handler gets: the store, the request, and its parameters (query and path merged, still unvalidated). */
export interface RouteContext {
  c: Context<ApiEnv>;
  store: Store;
  input: Record<string, unknown>;
}

/**
 * One operation of the API, declared once: the app registers it and the OpenAPI document is built
 * from the same declaration, so the two cannot drift apart.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  /** Hono-style path under /api/v1, e.g. `/targets/:target/backlinks`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Parameters (path and query), as the report function validates them. */
  params?: z.ZodObject;
  /** JSON request body. */
  body?: z.ZodObject;
  /** Answers without a token. */
  public?: boolean;
  /** Needs a token with write scope. */
  write?: boolean;
  /** The success status and its media type. */
  success: { status: 200 | 201; contentType: 'application/json' | 'text/csv' | 'text/event-stream' | 'text/plain'; description: string };
  /** A 404 is possible (unknown target or id). */
  notFound?: boolean;
  handle: (ctx: RouteContext) => Promise<Response>;
}
