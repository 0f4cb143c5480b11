import type { Store } from '../../store/index.js';
import { queueAlert } from './queue-alert.js';

export interface RaiseAlertInput {
  targetId: number;
  /** What happened, e.g. `won-link-lost`; also the alert's rule name. */
  kind: string;
  /** The same key twice raises one alert. */
  dedupeKey: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Record an alert that no stored rule produced (another part of Vouch saw something the user must
 * hear about, such as a won outreach link going lost), queued for every channel of the target like
 * a rule's alert.
 * @returns the alert id, or null when an alert with the same kind and key exists already.
 */
export async function raiseAlert(store: Store, input: RaiseAlertInput): Promise<number | null> {
  const seen = await store.one<{ id: bigint }>(`SELECT id FROM alerts WHERE target_id = $1 AND kind = $2 AND dedupe_key = $3`, [input.targetId, input.kind, input.dedupeKey]);
  if (seen !== undefined) return null;
  return store.transaction(() =>
    queueAlert(store, { targetId: input.targetId, rule: input.kind, ruleId: null, kind: input.kind, dedupeKey: input.dedupeKey, message: input.message, payload: input.details }),
  );
}
