import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { hashToken } from './hash-token.js';
import { insertApiToken } from './internal/token-writes.js';
import type { ApiTokenInfo, TokenScope } from './types.js';

/** Prefix of every token, so that secret scanners and people can recognise one. */
export const TOKEN_PREFIX = 'vouch_';

/**
 * Create an API token: 32 random bytes, base64url, after `vouch_`. Only its SHA-256 is stored, so
 * the returned `token` is the one and only time the secret is seen.
 * @example const { token } = await createApiToken(store, { name: 'dashboard', scope: 'read' });
 */
export async function createApiToken(store: Store, options: { name?: string; scope?: TokenScope } = {}): Promise<{ token: string; info: ApiTokenInfo }> {
  const name = (options.name ?? 'default').trim();
  const scope = options.scope ?? 'write';
  if (name.length === 0 || name.length > 100) throw new ValidationError('Invalid parameter name: 1 to 100 characters', [{ where: 'name', message: '1 to 100 characters' }]);
  if (scope !== 'read' && scope !== 'write') throw new ValidationError('Invalid parameter scope: read or write', [{ where: 'scope', message: 'read or write' }]);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const createdAt = new Date();
  const id = await insertApiToken(store, { name, hash: hashToken(token), prefix, scope, at: createdAt });
  return { token, info: { id, name, prefix, scope, createdAt, lastUsedAt: null, revokedAt: null } };
}
