import { NotFoundError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { markApiTokenRevoked } from './internal/token-writes.js';

/**
 * Revoke a token by id; requests with it get 401 from then on.
 * @throws NotFoundError when no live token has that id.
 */
export async function revokeApiToken(store: Store, id: number): Promise<void> {
  if (!(await markApiTokenRevoked(store, id, new Date()))) throw new NotFoundError(`No active API token with id ${id}. See: vouch token list`);
}
