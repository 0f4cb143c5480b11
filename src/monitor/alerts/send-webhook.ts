/**
 * POST an alert body to a webhook, signed and retried.
 *
 * Headers: `X-Vouch-Timestamp` (Unix seconds, also in the body as `sentAt`, so the signature covers
 * it) and, when the channel has a secret, `X-Vouch-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>`. A receiver recomputes the HMAC over the bytes it got and compares in constant time.
 * Network errors, timeouts, 5xx and 429 are retried with exponential backoff and jitter (Retry-After
 * honoured up to maxDelayMs); any other 4xx is final.
 */
import { createHmac } from 'node:crypto';
import { DEFAULT_USER_AGENT, parseRetryAfter } from '../../crawl/index.js';

export interface WebhookOptions {
  secret?: string | null;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

export const WEBHOOK_DEFAULTS = { secret: null, maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, timeoutMs: 10_000 } satisfies Required<WebhookOptions>;

export interface SendOutcome {
  ok: boolean;
  attempts: number;
  /** Last HTTP status, or null when none came. */
  status: number | null;
  error: string | null;
}

/** `sha256=<hex>`: the X-Vouch-Signature of a raw body. */
export function signWebhookBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function sendWebhook(url: string, body: string, timestampSeconds: number, options: WebhookOptions = {}): Promise<SendOutcome> {
  const o = { ...WEBHOOK_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': DEFAULT_USER_AGENT, 'x-vouch-timestamp': String(timestampSeconds) };
  if (o.secret !== null && o.secret !== '') headers['x-vouch-signature'] = signWebhookBody(o.secret, body);
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    let retryAfterMs: number | null = null;
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs), redirect: 'manual' });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (status >= 200 && status < 300) return { ok: true, attempts: attempt, status, error: null };
      error = `HTTP ${status}`;
      if (status < 500 && status !== 429) return { ok: false, attempts: attempt, status, error };
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after') ?? undefined, Date.now());
    } catch (err) {
      status = null;
      error = (err as Error).name === 'TimeoutError' ? 'TIMEOUT' : `NETWORK: ${(err as Error).message}`;
    }
    if (attempt === o.maxAttempts) break;
    const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
    await wait(retryAfterMs !== null ? Math.min(retryAfterMs, o.maxDelayMs) : ceiling / 2 + Math.random() * (ceiling / 2));
  }
  return { ok: false, attempts: o.maxAttempts, status, error };
}
