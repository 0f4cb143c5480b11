import { NotFoundError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';

/**
 * Revoke a token by id; requests with it get 401 from then on.
 * @throws NotFoundError when no live token has that id.
 */
export async function revokeApiToken(store: Store, id: number): Promise<void> {
  const row = await store.one<{ id: number }>(`UPDATE api_tokens SET revoked_at = now()::TIMESTAMP WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id]);
  if (!row) throw new NotFoundError(`No active API token with id ${id}. See: vouch token list`);
}
