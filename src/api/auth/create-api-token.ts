import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { hashToken } from './hash-token.js';
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
  const row = await store.one<{ id: number; created_at: Date }>(
    `INSERT INTO api_tokens (name, token_hash, token_prefix, scope, created_at) VALUES ($1, $2, $3, $4, now()::TIMESTAMP) RETURNING id, created_at`,
    [name, hashToken(token), prefix, scope],
  );
  if (!row) throw new Error('token not stored');
  return { token, info: { id: Number(row.id), name, prefix, scope, createdAt: row.created_at, lastUsedAt: null, revokedAt: null } };
}
