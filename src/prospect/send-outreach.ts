import nodemailer from 'nodemailer';
import { NonRetryableError, RetryableError, ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { draftOutreach, type DraftOptions, type OutreachDraft } from './draft-outreach.js';
import { isEmailAddress } from './extract-emails.js';
import { getProspect } from './get-prospect.js';
import { nextClickHouseId, oneAtATime, setProspectColumns } from './internal/prospect-writes.js';
import { isOptedOut } from './opt-out.js';
import { headerSafe } from './render-template.js';
import { PROSPECT_TRANSITIONS, isProspectStatus } from './prospect-status.js';

export const SEND_DEFAULTS = { dailyLimit: 20 } as const;

export interface SendOptions extends DraftOptions {
  /** SMTP server, as a nodemailer URL: `smtp://user:pass@host:587`, `smtps://host`. */
  smtpUrl: string;
  from: string;
  /** Most messages sent per UTC day, over all prospects (default 20). */
  dailyLimit?: number;
  /** Now (default: the clock); the day of the limit is this instant's UTC day. */
  at?: Date;
  /** Extra nodemailer SMTP options (timeouts, TLS), merged over the URL's. */
  transport?: Record<string, unknown>;
}

export interface SentOutreach extends OutreachDraft {
  to: string;
  logId: number;
  messageId: string | null;
  sentToday: number;
}

/**
 * Send the outreach email of a prospect through SMTP, then log it and move the prospect to
 * contacted (when the pipeline allows). Refuses, before connecting, an address on the opt-out list
 * (by itself or its domain) and a send over the daily limit.
 * @throws ValidationError without a recipient or with a bad from; NonRetryableError (OPTED_OUT);
 * RetryableError (DAILY_LIMIT) with the wait until the next UTC day; RetryableError (NETWORK) when SMTP fails.
 */
export async function sendOutreach(store: Store, prospectId: number, options: SendOptions): Promise<SentOutreach> {
  const at = options.at ?? new Date();
  const limit = options.dailyLimit ?? SEND_DEFAULTS.dailyLimit;
  if (!Number.isInteger(limit) || limit < 0) throw new ValidationError('Invalid parameter dailyLimit: expected a whole number of at least 0', [{ where: 'dailyLimit', message: 'a whole number of at least 0' }]);
  const from = headerSafe(options.from);
  if (!isEmailAddress(from.replace(/^.*<([^>]+)>$/, '$1').toLowerCase())) throw new ValidationError('Invalid parameter from: expected an email address', [{ where: 'from', message: 'an email address, or Name <address>' }]);
  const draft = await draftOutreach(store, prospectId, options);
  if (draft.to === null || !isEmailAddress(draft.to)) {
    throw new ValidationError(`No address to send to: none was found on ${prospectId}'s site; give one with --to (addresses are never guessed)`, [{ where: 'to', message: 'an email address' }]);
  }
  const to = draft.to;
  const p = await getProspect(store, prospectId);
  if ((await isOptedOut(store, to)) || (await isOptedOut(store, `x@${p.domain}`))) throw new NonRetryableError('OPTED_OUT', `${to} is on the opt-out list; nothing was sent`);
  const dayStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const sent = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM outreach_log WHERE sent_at >= $1 AND sent_at < $2`, [dayStart, dayEnd]))?.n ?? 0);
  if (sent >= limit) throw new RetryableError('DAILY_LIMIT', `The daily limit of ${limit} messages is reached (${sent} sent today, UTC); nothing was sent`, { retryAfterMs: dayEnd.getTime() - at.getTime() });

  const transporter = nodemailer.createTransport({ url: options.smtpUrl, ...(options.transport ?? {}) } as never);
  let info: { messageId?: string; response?: string };
  try {
    info = (await transporter.sendMail({ from, to, subject: draft.subject, ...(draft.text === undefined ? {} : { text: draft.text }), ...(draft.html === undefined ? {} : { html: draft.html }) })) as typeof info;
  } catch (err) {
    throw new RetryableError('NETWORK', `SMTP send to ${to} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    transporter.close();
  }
  const logId = await logSent(store, [prospectId, at, to, from, draft.subject, info.messageId ?? null, info.response ?? null]);
  if (isProspectStatus(p.status) && PROSPECT_TRANSITIONS[p.status].includes('contacted')) {
    await setProspectColumns(store, prospectId, { status: 'contacted', status_changed_at: at }, at);
  }
  return { ...draft, to, logId, messageId: info.messageId ?? null, sentToday: sent + 1 };
}

/** Log a sent message; returns its id. */
async function logSent(store: Store, values: [prospectId: number, sentAt: Date, to: string, from: string, subject: string, messageId: string | null, response: string | null]): Promise<number> {
  if (store.dialect === 'clickhouse') {
    return oneAtATime(async () => {
      const id = await nextClickHouseId(store, 'outreach_log');
      await store.run(`INSERT INTO outreach_log_data (id, prospect_id, sent_at, to_address, from_address, subject, message_id, response) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [id, ...values]);
      return id;
    });
  }
  const row = await store.one<{ id: bigint }>(
    `INSERT INTO outreach_log (prospect_id, sent_at, to_address, from_address, subject, message_id, response) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    values,
  );
  return Number(row?.id ?? 0);
}

/** The log of sent messages, newest first. */
export async function outreachLog(store: Store, options: { prospectId?: number } = {}): Promise<{ id: number; prospectId: number | null; sentAt: Date; to: string; from: string; subject: string; messageId: string | null }[]> {
  const rows = await store.all<{ id: bigint; prospect_id: bigint | null; sent_at: Date; to_address: string; from_address: string; subject: string; message_id: string | null }>(
    `SELECT id, prospect_id, sent_at, to_address, from_address, subject, message_id FROM outreach_log ${options.prospectId === undefined ? '' : 'WHERE prospect_id = $1'} ORDER BY sent_at DESC, id DESC`,
    options.prospectId === undefined ? [] : [options.prospectId],
  );
  return rows.map((r) => ({ id: Number(r.id), prospectId: r.prospect_id === null ? null : Number(r.prospect_id), sentAt: r.sent_at, to: r.to_address, from: r.from_address, subject: r.subject, messageId: r.message_id }));
}
