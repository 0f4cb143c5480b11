import type { Store } from '../../store/index.js';
import { newClickHouseRowId as newRowId } from '../../store/index.js';

export interface AlertRowInput {
  targetId: number;
  /** The rule as the user reads it (`lost-authority ≥ 40`, or the kind for alerts no rule made). */
  rule: string;
  ruleId: number | null;
  kind: string;
  dedupeKey: string;
  message: string;
  payload: Record<string, unknown>;
}

/**
 * Store an alert and queue one delivery per channel of its target. The caller deduplicates and
 * holds the transaction, so that an alert never exists without its deliveries.
 * On ClickHouse (no transaction) the deliveries go first: until its alert row exists they are never
 * read, and a run killed in between raises the alert again, with deliveries of its own.
 * @returns the alert id.
 */
export async function queueAlert(store: Store, a: AlertRowInput): Promise<number> {
  if (store.dialect === 'clickhouse') {
    const id = newRowId();
    await store.run(
      `INSERT INTO alert_deliveries_data (alert_id, channel_id, status, attempts, last_error, delivered_at, updated_at)
       SELECT $1, id, 'pending', 0, NULL, NULL, now64(3, 'UTC') FROM alert_channels WHERE target_id = $2`,
      [id, a.targetId],
    );
    await store.run(
      `INSERT INTO alerts_data (id, target_id, rule, occurred_at, payload, delivery_status, attempts, delivered_at, rule_id, kind, dedupe_key, message, job_id, last_error, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', 0, NULL, $6, $7, $8, $9, NULL, NULL, $4)`,
      [id, a.targetId, a.rule, new Date(), JSON.stringify(a.payload), a.ruleId, a.kind, a.dedupeKey, a.message],
    );
    return id;
  }
  const row = await store.one<{ id: bigint }>(
    `INSERT INTO alerts (target_id, rule, occurred_at, payload, delivery_status, attempts, rule_id, kind, dedupe_key, message)
     VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $7, $8) RETURNING id`,
    [a.targetId, a.rule, new Date(), JSON.stringify(a.payload), a.ruleId, a.kind, a.dedupeKey, a.message],
  );
  const id = Number(row!.id);
  await store.run(`INSERT INTO alert_deliveries (alert_id, channel_id, status, attempts) SELECT $1, id, 'pending', 0 FROM alert_channels WHERE target_id = $2`, [id, a.targetId]);
  return id;
}
