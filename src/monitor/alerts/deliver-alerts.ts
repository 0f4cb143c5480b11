/**
 * Deliver pending alerts to their channels. A channel gets each alert on its own, or (a `digest`
 * channel, when asked for the digest) everything pending in one message. Each delivery keeps its
 * status and attempts; an alert's own delivery_status sums up its deliveries: `delivered` when all
 * went through, `failed` when one gave up (it is tried again next time, up to MAX_TOTAL_ATTEMPTS),
 * `pending` otherwise, and `no-channel` when its target has none.
 */
import type { Store } from '../../store/index.js';
import { reviseClickHouseRows as reviseRows } from '../../store/index.js';
import { listAlertChannels } from './alert-channels.js';
import type { AlertChannel } from './alert-channels.js';
import { alertJson, alertSlack, alertSubject, alertText } from './format-alerts.js';
import type { AlertMessage } from './format-alerts.js';
import { sendEmail } from './send-email.js';
import type { EmailOptions } from './send-email.js';
import { sendWebhook } from './send-webhook.js';
import type { SendOutcome, WebhookOptions } from './send-webhook.js';

/** A delivery that failed this many attempts in all is left alone. */
export const MAX_TOTAL_ATTEMPTS = 20;

export interface DeliverOptions {
  /** Only this target's alerts; all targets when undefined. */
  targetId?: number;
  /** Send digest channels their pending alerts in one message (else they wait). */
  digest?: boolean;
  webhook?: Omit<WebhookOptions, 'secret'>;
  email?: EmailOptions;
  now?: () => Date;
}

export interface DeliverResult {
  /** Messages sent (a digest counts once). */
  messages: number;
  delivered: number;
  failed: number;
  errors: { channelId: number; error: string }[];
}

interface PendingRow {
  alert_id: bigint;
  channel_id: bigint;
  attempts: number;
  target_id: number;
  target_name: string;
  kind: string | null;
  rule: string;
  occurred_at: Date;
  message: string | null;
  payload: string | null;
}

export async function deliverAlerts(store: Store, options: DeliverOptions = {}): Promise<DeliverResult> {
  const now = options.now ?? (() => new Date());
  const channels = new Map((await listAlertChannels(store, options.targetId)).map((c) => [c.id, c]));
  const rows = await store.all<PendingRow>(
    `SELECT d.alert_id, d.channel_id, d.attempts, a.target_id, t.name AS target_name, a.kind, a.rule, a.occurred_at, a.message, a.payload::VARCHAR AS payload
     FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id JOIN targets t ON t.id = a.target_id
     WHERE d.status IN ('pending', 'failed') AND d.attempts < $1 ${options.targetId === undefined ? '' : 'AND a.target_id = $2'}
     ORDER BY d.channel_id, d.alert_id`,
    options.targetId === undefined ? [MAX_TOTAL_ATTEMPTS] : [MAX_TOTAL_ATTEMPTS, options.targetId],
  );
  const result: DeliverResult = { messages: 0, delivered: 0, failed: 0, errors: [] };
  const byChannel = new Map<number, PendingRow[]>();
  for (const r of rows) {
    const list = byChannel.get(Number(r.channel_id));
    if (list === undefined) byChannel.set(Number(r.channel_id), [r]);
    else list.push(r);
  }
  const touched = new Set<number>();
  for (const [channelId, pending] of byChannel) {
    const channel = channels.get(channelId);
    if (channel === undefined) continue;
    const batches = channel.digest ? (options.digest ? [pending] : []) : pending.map((p) => [p]);
    for (const batch of batches) {
      const target = { id: batch[0]!.target_id, name: batch[0]!.target_name };
      const outcome = await send(channel, target, batch.map(toMessage), channel.digest, now(), options);
      result.messages++;
      if (outcome.ok) result.delivered += batch.length;
      else {
        result.failed += batch.length;
        result.errors.push({ channelId, error: outcome.error ?? 'failed' });
      }
      for (const p of batch) {
        touched.add(Number(p.alert_id));
        const values = [p.alert_id, channelId, outcome.ok ? 'delivered' : 'failed', outcome.attempts, outcome.error, outcome.ok ? now() : null];
        if (store.dialect === 'clickhouse') {
          const deliveredAt = outcome.ok ? 'toNullable($6)' : 'CAST(NULL AS Nullable(DateTime64(3, \'UTC\')))';
          await reviseRows(store, 'alert_deliveries', `$3 AS status, attempts + $4 AS attempts, $5 AS last_error, ${deliveredAt} AS delivered_at`, `alert_id = $1 AND channel_id = $2`, values);
        } else {
          await store.run(`UPDATE alert_deliveries SET status = $3, attempts = attempts + $4, last_error = $5, delivered_at = $6 WHERE alert_id = $1 AND channel_id = $2`, values);
        }
      }
    }
  }
  if (touched.size > 0) await summarise(store, [...touched]);
  if (store.dialect === 'clickhouse') {
    await reviseRows(
      store,
      'alerts',
      `'no-channel' AS delivery_status`,
      `delivery_status = 'pending' AND id NOT IN (SELECT alert_id FROM alert_deliveries) ${options.targetId === undefined ? '' : 'AND target_id = $1'}`,
      options.targetId === undefined ? [] : [options.targetId],
    );
    return result;
  }
  await store.run(
    `UPDATE alerts SET delivery_status = 'no-channel' WHERE delivery_status = 'pending' AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = alerts.id)
     ${options.targetId === undefined ? '' : 'AND target_id = $1'}`,
    options.targetId === undefined ? [] : [options.targetId],
  );
  return result;
}

async function summarise(store: Store, alertIds: number[]): Promise<void> {
  if (store.dialect === 'clickhouse') {
    await store.run(
      `INSERT INTO alerts_data SELECT a.* REPLACE (s.status AS delivery_status, s.attempts AS attempts, s.delivered_at AS delivered_at, s.last_error AS last_error,
         now64(3, 'UTC') AS updated_at)
       FROM alerts a JOIN (
         SELECT alert_id,
           multiIf(min(status = 'delivered') = 1, 'delivered', max(status = 'failed') = 1, 'failed', 'pending') AS status,
           toInt32(sum(attempts)) AS attempts, max(delivered_at) AS delivered_at, max(last_error) AS last_error
         FROM alert_deliveries WHERE toString(alert_id) IN $1 GROUP BY alert_id
       ) s ON s.alert_id = a.id`,
      [alertIds.map(String)],
    );
    return;
  }
  await store.run(
    `UPDATE alerts SET
       delivery_status = s.status, attempts = s.attempts, delivered_at = s.delivered_at, last_error = s.last_error
     FROM (
       SELECT alert_id,
         CASE WHEN bool_and(status = 'delivered') THEN 'delivered' WHEN bool_or(status = 'failed') THEN 'failed' ELSE 'pending' END AS status,
         sum(attempts)::INTEGER AS attempts, max(delivered_at) AS delivered_at, max(last_error) AS last_error
       FROM alert_deliveries WHERE alert_id IN (SELECT unnest($1::BIGINT[])) GROUP BY alert_id
     ) s WHERE alerts.id = s.alert_id`,
    [alertIds.map(String)],
  );
}

function toMessage(r: PendingRow): AlertMessage {
  return { id: Number(r.alert_id), kind: r.kind ?? r.rule, rule: r.rule, occurredAt: r.occurred_at, message: r.message ?? r.rule, details: r.payload === null ? null : (JSON.parse(r.payload) as unknown) };
}

async function send(channel: AlertChannel, target: { id: number; name: string }, alerts: AlertMessage[], digest: boolean, at: Date, options: DeliverOptions): Promise<SendOutcome> {
  if (channel.kind === 'email') {
    return sendEmail({ smtpUrl: channel.url, from: channel.from ?? 'vouch@localhost', to: channel.to ?? '', subject: alertSubject(target, alerts), text: alertText(target, alerts) }, options.email);
  }
  const body = channel.slack ? alertSlack(target, alerts, at) : alertJson(target, alerts, at, digest);
  return sendWebhook(channel.url, body, Math.floor(at.getTime() / 1000), { ...options.webhook, secret: channel.secret });
}
