import type { MiddlewareHandler } from 'hono';
import { VouchError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { touchApiToken } from './internal/token-writes.js';
import type { TokenScope } from './types.js';
import { verifyApiToken } from './verify-api-token.js';

/** How often a token's last_used_at is written at most (a write per request would be wasteful). */
const TOUCH_INTERVAL_MS = 60_000;

/** Variables the auth middleware sets on the request context. */
export interface AuthVariables {
  tokenId: number;
  tokenScope: TokenScope;
}

/**
 * Require `Authorization: Bearer <token>` of a live token. Missing or unknown tokens are 401;
 * the scope check (403) is per route, see requireScope in the routes.
 */
export function bearerAuth(store: Store): MiddlewareHandler<{ Variables: AuthVariables }> {
  const touched = new Map<number, number>();
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new VouchError('UNAUTHORIZED', 'Send an API token as "Authorization: Bearer <token>". Create one with: vouch token create');
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
    const verified = match ? await verifyApiToken(store, match[1]!) : null;
    if (!verified) throw new VouchError('UNAUTHORIZED', 'The API token is not valid (unknown, revoked or malformed).');
    c.set('tokenId', verified.id);
    c.set('tokenScope', verified.scope);
    const now = Date.now();
    if ((touched.get(verified.id) ?? 0) + TOUCH_INTERVAL_MS < now) {
      touched.set(verified.id, now);
      await touchApiToken(store, verified.id, new Date(now));
    }
    await next();
  };
}
