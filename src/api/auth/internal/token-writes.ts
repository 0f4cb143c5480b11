/**
 * The writes of api_tokens on either store. On ClickHouse the table is a ReplacingMergeTree
 * versioned by updated_at (store/clickhouse/clickhouse-schema.ts), so a change inserts the whole
 * row again. Only a revoke moves the version (strictly forward); a last-use touch keeps it, and
 * touches only live rows. A touch that read the row before a concurrent revoke thus writes an older
 * version than the revoke's, and loses to it: a revoked token never comes back.
 */
import type { Store } from '../../../store/index.js';
import type { TokenScope } from '../types.js';

/** Store a new token; returns its id. */
export async function insertApiToken(store: Store, values: { name: string; hash: string; prefix: string; scope: TokenScope; at: Date }): Promise<number> {
  const { name, hash, prefix, scope, at } = values;
  if (store.dialect !== 'clickhouse') {
    const row = await store.one<{ id: number }>(
      `INSERT INTO api_tokens (name, token_hash, token_prefix, scope, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [name, hash, prefix, scope, at],
    );
    if (!row) throw new Error('token not stored');
    return Number(row.id);
  }
  // No sequences: the next id after the largest. Tokens are created by hand, one at a time.
  const id = Number((await store.one<{ id: bigint }>(`SELECT toInt64(coalesce(max(id), 0) + 1) AS id FROM api_tokens`))?.id ?? 1);
  await store.run(
    `INSERT INTO api_tokens_data (id, name, token_hash, token_prefix, scope, created_at, last_used_at, revoked_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $6)`,
    [id, name, hash, prefix, scope, at],
  );
  return id;
}

/** Mark a live token revoked. Returns false when no live token has that id. */
export async function markApiTokenRevoked(store: Store, id: number, at: Date): Promise<boolean> {
  if (store.dialect !== 'clickhouse') {
    return (await store.one(`UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, at])) !== undefined;
  }
  if ((await store.one(`SELECT id FROM api_tokens WHERE id = $1 AND revoked_at IS NULL`, [id])) === undefined) return false;
  await store.run(
    `INSERT INTO api_tokens_data SELECT * REPLACE ($2 AS revoked_at, greatest($2, updated_at + toIntervalMillisecond(1)) AS updated_at) FROM api_tokens WHERE id = $1`,
    [id, at],
  );
  return true;
}

/** Record that a live token was used at `at`. */
export async function touchApiToken(store: Store, id: number, at: Date): Promise<void> {
  if (store.dialect !== 'clickhouse') {
    await store.run(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [id, at]);
    return;
  }
  await store.run(`INSERT INTO api_tokens_data SELECT * REPLACE ($2 AS last_used_at) FROM api_tokens WHERE id = $1 AND revoked_at IS NULL`, [id, at]);
}
