/**
 * Send an alert by email through nodemailer's SMTP transport, retried with backoff on transient
 * failures (connection errors, 4xx SMTP replies); a 5xx reply (rejected recipient, bad auth) is final.
 */
import nodemailer from 'nodemailer';
import type { SendOutcome } from './send-webhook.js';

export interface EmailMessage {
  /** `smtp://user:pass@host:587` or `smtps://host:465` (nodemailer's connection URL). */
  smtpUrl: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface EmailOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
}

export const EMAIL_DEFAULTS = { maxAttempts: 3, baseDelayMs: 2_000, timeoutMs: 20_000 } satisfies Required<EmailOptions>;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function sendEmail(message: EmailMessage, options: EmailOptions = {}): Promise<SendOutcome> {
  const o = { ...EMAIL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const transport = nodemailer.createTransport({
    url: message.smtpUrl,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
  });
  let error: string | null = null;
  try {
    for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
      try {
        await transport.sendMail({ from: message.from, to: message.to, subject: message.subject, text: message.text });
        return { ok: true, attempts: attempt, status: null, error: null };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        error = `${code === undefined ? 'SMTP' : `SMTP ${code}`}: ${(err as Error).message}`;
        if (code !== undefined && code >= 500) return { ok: false, attempts: attempt, status: code, error };
      }
      if (attempt < o.maxAttempts) await wait(o.baseDelayMs * 2 ** (attempt - 1));
    }
  } finally {
    transport.close();
  }
  return { ok: false, attempts: o.maxAttempts, status: null, error };
}
