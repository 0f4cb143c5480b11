/**
 * Where a target's alerts go (user state): webhooks (JSON POST, or a Slack-compatible payload,
 * signed with HMAC-SHA256 when a secret is set) and email (SMTP through nodemailer). A `digest`
 * channel does not get alerts one by one: `deliverAlerts({ digest: true })` sends it everything
 * pending in one message.
 * NOTE: the webhook secret and any SMTP password in the URL are stored as given, in the store file.
 */
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';

export type AlertChannelKind = 'webhook' | 'email';

export interface AlertChannelInput {
  kind: AlertChannelKind;
  /** Webhook URL (http/https), or SMTP URL (`smtp://user:pass@host:587`, `smtps://host:465`). */
  url: string;
  /** Email: the recipient(s), comma separated. */
  to?: string | null;
  /** Email: the From address. */
  from?: string | null;
  /** Webhook: HMAC key for X-Vouch-Signature. */
  secret?: string | null;
  /** Webhook: send Slack's `{ text }` payload instead of Vouch's JSON. */
  slack?: boolean;
  digest?: boolean;
}

export interface AlertChannel {
  id: number;
  targetId: number;
  kind: AlertChannelKind;
  url: string;
  to: string | null;
  from: string | null;
  secret: string | null;
  slack: boolean;
  digest: boolean;
  createdAt: Date;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+$/;

function protocolOf(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}

export async function addAlertChannel(store: Store, targetId: number, input: AlertChannelInput): Promise<AlertChannel> {
  const protocol = protocolOf(input.url);
  if (input.kind === 'webhook') {
    if (protocol !== 'http:' && protocol !== 'https:') throw new ValidationError('a webhook needs an http(s) URL', [{ where: 'url', message: input.url.slice(0, 200) }]);
  } else if (input.kind === 'email') {
    if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new ValidationError('email needs an smtp:// or smtps:// URL', [{ where: 'smtp', message: input.url.slice(0, 200) }]);
    const to = (input.to ?? '').split(',').map((s) => s.trim());
    if (to.length === 0 || !to.every((a) => EMAIL.test(a))) throw new ValidationError('email needs recipient addresses', [{ where: 'to', message: input.to ?? '' }]);
    if (input.from != null && !EMAIL.test(input.from)) throw new ValidationError('from must be an address', [{ where: 'from', message: input.from }]);
  } else {
    throw new ValidationError(`unknown channel kind ${JSON.stringify(input.kind)}`, [{ where: 'kind', message: 'webhook or email' }]);
  }
  const values = [targetId, input.kind, input.url, input.to ?? null, input.from ?? null, input.secret ?? null, input.slack ?? false, input.digest ?? false, new Date()];
  let id: number;
  if (store.dialect === 'clickhouse') {
    // No sequence: the next id after the largest (channels are added by hand).
    id = Number((await store.one<{ id: bigint }>(`SELECT toInt64(coalesce(max(id), 0) + 1) AS id FROM alert_channels`))?.id ?? 1);
    await store.run(`INSERT INTO alert_channels_data (id, target_id, kind, url, recipient, sender, secret, slack, digest, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [id, ...values]);
  } else {
    const row = await store.one<{ id: bigint }>(
      `INSERT INTO alert_channels (target_id, kind, url, recipient, sender, secret, slack, digest, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      values,
    );
    id = Number(row!.id);
  }
  return (await listAlertChannels(store, targetId)).find((c) => c.id === id)!;
}

interface Row {
  id: bigint;
  target_id: number;
  kind: AlertChannelKind;
  url: string;
  recipient: string | null;
  sender: string | null;
  secret: string | null;
  slack: boolean;
  digest: boolean;
  created_at: Date;
}

export async function listAlertChannels(store: Store, targetId?: number): Promise<AlertChannel[]> {
  const rows = await store.all<Row>(`SELECT * FROM alert_channels ${targetId === undefined ? '' : 'WHERE target_id = $1'} ORDER BY id`, targetId === undefined ? [] : [targetId]);
  return rows.map((r) => ({
    id: Number(r.id),
    targetId: r.target_id,
    kind: r.kind,
    url: r.url,
    to: r.recipient,
    from: r.sender,
    secret: r.secret,
    slack: r.slack,
    digest: r.digest,
    createdAt: r.created_at,
  }));
}

/** @throws NotFoundError when the target has no such channel. */
export async function removeAlertChannel(store: Store, targetId: number, channelId: number): Promise<void> {
  const found = await store.one<{ id: bigint }>(`SELECT id FROM alert_channels WHERE id = $1 AND target_id = $2`, [channelId, targetId]);
  if (found === undefined) throw new NotFoundError(`no alert channel ${channelId} on this target`);
  const data = store.dialect === 'clickhouse' ? '_data' : '';
  await store.run(`DELETE FROM alert_deliveries${data} WHERE channel_id = $1 AND status <> 'delivered'`, [channelId]);
  await store.run(`DELETE FROM alert_channels${data} WHERE id = $1`, [channelId]);
}

/** The channel without its secret and password, for listings. */
export function redactChannel(c: AlertChannel): Omit<AlertChannel, 'secret'> & { secret: boolean } {
  let url = c.url;
  try {
    const u = new URL(c.url);
    if (u.password !== '') u.password = '***';
    url = u.href;
  } catch {
    // keep as stored
  }
  return { ...c, url, secret: c.secret !== null };
}
