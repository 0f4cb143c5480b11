import type { Store } from '../../store/index.js';
import type { ApiTokenInfo, TokenScope } from './types.js';

/** Every token ever created, revoked ones included, oldest first. Secrets are not stored, so none are shown. */
export async function listApiTokens(store: Store): Promise<ApiTokenInfo[]> {
  const rows = await store.all<{ id: number; name: string; token_prefix: string; scope: TokenScope; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
    `SELECT id, name, token_prefix, scope, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY id`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, prefix: r.token_prefix, scope: r.scope, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}
