import { NotFoundError, VouchError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { TARGET_COLUMNS, toTargetRecord } from '../internal/target-row.js';
import type { TargetRow } from '../internal/target-row.js';
import type { TargetRecord } from '../types.js';
import { detectTargetScope } from './detect-target-scope.js';

/**
 * Find a stored target by name, then by id, then by its normalised value (so `acme.com`,
 * `https://acme.com/` and `ACME.com` all find the target stored as `acme.com`).
 * @throws NotFoundError (NOT_FOUND) when no target matches.
 */
export async function resolveTarget(store: Store, ref: string): Promise<TargetRecord> {
  const key = ref.trim();
  const byName = await store.one<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE name = $1`, [key]);
  if (byName) return toTargetRecord(byName);
  if (/^\d{1,9}$/.test(key)) {
    const byId = await store.one<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE id = $1`, [Number(key)]);
    if (byId) return toTargetRecord(byId);
  }
  let normalised: { scope: string; value: string } | null = null;
  try {
    normalised = detectTargetScope(key);
  } catch (err) {
    if (!(err instanceof VouchError)) throw err;
  }
  if (normalised) {
    const byValue = await store.one<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE value = $1 ORDER BY id LIMIT 1`, [normalised.value]);
    if (byValue) return toTargetRecord(byValue);
  }
  throw new NotFoundError(`No target named ${JSON.stringify(key)}. Add it with: vouch targets add ${key}`);
}
