import { VouchError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { TARGET_COLUMNS, toTargetRecord } from '../internal/target-row.js';
import type { TargetRow } from '../internal/target-row.js';
import { parseReportInput } from '../parse-input.js';
import { addTargetInput } from '../schemas/target-input.js';
import type { AddTargetInput } from '../schemas/target-input.js';
import type { TargetRecord } from '../types.js';
import { detectTargetScope } from './detect-target-scope.js';

function uniqueLower(terms: readonly string[]): string[] {
  return [...new Set(terms.map((t) => t.toLowerCase()))];
}

/**
 * Track a site: the user's own (default) or a competitor's. The scope is detected from the value
 * unless given (see detectTargetScope); brand terms and keywords are stored lower-cased.
 * @throws ValidationError on a bad value; VouchError CONFLICT when the name is taken.
 * @example await addTarget(store, { value: 'acme.com', brand: ['acme'], keywords: ['cheap widgets'] })
 */
export async function addTarget(store: Store, input: AddTargetInput): Promise<TargetRecord> {
  const o = parseReportInput(addTargetInput, input);
  const { scope, value } = detectTargetScope(o.value, o.scope);
  const name = o.name ?? value;
  const taken = await store.one<{ id: number }>(`SELECT id FROM targets WHERE name = $1`, [name]);
  if (taken) throw new VouchError('CONFLICT', `A target named ${JSON.stringify(name)} exists already (id ${taken.id}). Choose another --name.`);
  const values = [name, value, scope, !o.competitor, uniqueLower(o.brand), uniqueLower(o.keywords)] as const;
  if (store.dialect === 'clickhouse') return addClickHouseTarget(store, name, values);
  const row = await store.one<TargetRow>(
    `INSERT INTO targets (name, value, scope, own, brand_terms, keywords, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()::TIMESTAMP) RETURNING ${TARGET_COLUMNS}`,
    [...values],
  );
  if (!row) throw new VouchError('STORE_FAILED', 'The target was not stored');
  return toTargetRecord(row);
}

/**
 * ClickHouse has neither sequences nor RETURNING: the id is the next after the largest. Targets are
 * added by hand, one at a time, so two racing adds are not a concern worth a lock.
 */
async function addClickHouseTarget(store: Store, name: string, values: readonly [string, string, string, boolean, string[], string[]]): Promise<TargetRecord> {
  const next = await store.one<{ id: bigint }>(`SELECT toInt64(coalesce(max(id), 0) + 1) AS id FROM targets`);
  const id = Number(next?.id ?? 1);
  await store.run(`INSERT INTO targets_data (id, name, value, scope, own, brand_terms, keywords, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now64(3, 'UTC'))`, [id, ...values]);
  const row = await store.one<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE id = $1 AND name = $2`, [id, name]);
  if (!row) throw new VouchError('STORE_FAILED', 'The target was not stored');
  return toTargetRecord(row);
}
