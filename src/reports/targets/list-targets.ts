import type { Store } from '../../store/index.js';
import { TARGET_COLUMNS, toTargetRecord } from '../internal/target-row.js';
import type { TargetRow } from '../internal/target-row.js';
import { parseReportInput } from '../parse-input.js';
import { listTargetsInput } from '../schemas/target-input.js';
import type { ListTargetsInput } from '../schemas/target-input.js';
import type { TargetRecord } from '../types.js';

/** The tracked sites, own first, then competitors, each in the order they were added. */
export async function listTargets(store: Store, input: ListTargetsInput = {}): Promise<TargetRecord[]> {
  const { kind } = parseReportInput(listTargetsInput, input);
  const where = kind === 'own' ? 'WHERE own' : kind === 'competitor' ? 'WHERE NOT own' : '';
  const rows = await store.all<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets ${where} ORDER BY own DESC, id`);
  return rows.map(toTargetRecord);
}
