import type { Store } from '../../store/index.js';
import { parseReportInput } from '../parse-input.js';
import { targetRefInput } from '../schemas/target-input.js';
import type { TargetRefInput } from '../schemas/target-input.js';
import type { TargetRecord } from '../types.js';
import { resolveTarget } from './resolve-target.js';

/**
 * Stop tracking a target. Links stay in the store: they belong to the web, not to the target.
 * @throws NotFoundError when no target matches.
 */
export async function removeTarget(store: Store, input: TargetRefInput): Promise<TargetRecord> {
  const { target } = parseReportInput(targetRefInput, input);
  const record = await resolveTarget(store, target);
  // On ClickHouse, `targets` is a view over the table that holds the rows.
  await store.run(`DELETE FROM ${store.dialect === 'clickhouse' ? 'targets_data' : 'targets'} WHERE id = $1`, [record.id]);
  return record;
}
