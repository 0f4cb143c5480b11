import type { Store } from '../../store/index.js';
import { hashToken } from './hash-token.js';
import type { TokenScope } from './types.js';

/**
 * The id and scope of a live token, or null when it is unknown or revoked. The lookup is by
 * hash, so the comparison never touches the secret itself.
 */
export async function verifyApiToken(store: Store, token: string): Promise<{ id: number; scope: TokenScope } | null> {
  if (token.length === 0 || token.length > 200) return null;
  const row = await store.one<{ id: number; scope: TokenScope }>(`SELECT id, scope FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, [hashToken(token)]);
  return row ? { id: Number(row.id), scope: row.scope } : null;
}
