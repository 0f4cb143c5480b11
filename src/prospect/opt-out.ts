import { ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { isEmailAddress } from './extract-emails.js';
import { dialectSql } from './internal/dialect-sql.js';

/** An address or a whole domain that must never be mailed. */
export interface OptOut {
  value: string;
  addedAt: Date;
  reason: string | null;
}

function normalise(value: string): string {
  const v = value.trim().toLowerCase().replace(/^mailto:/, '');
  if (isEmailAddress(v) || /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]+$/.test(v)) return v;
  throw new ValidationError(`Invalid parameter value: "${value.slice(0, 200)}" is neither an email address nor a domain`, [{ where: 'value', message: 'an email address or a domain' }]);
}

/** Add an address or a domain to the opt-out list (idempotent). */
export async function addOptOut(store: Store, value: string, reason: string | null = null, at: Date = new Date()): Promise<OptOut> {
  const v = normalise(value);
  if (store.dialect === 'clickhouse') {
    // No unique keys there: the first entry is kept by looking before writing.
    const had = await store.one(`SELECT 1 FROM outreach_opt_out WHERE value = $1`, [v]);
    if (!had) await store.run(`INSERT INTO outreach_opt_out_data (value, added_at, reason) VALUES ($1, $2, $3)`, [v, at, reason]);
  } else {
    await store.run(`INSERT INTO outreach_opt_out (value, added_at, reason) VALUES ($1, $2, $3) ON CONFLICT (value) DO NOTHING`, [v, at, reason]);
  }
  const row = await store.one<{ value: string; added_at: Date; reason: string | null }>(`SELECT value, added_at, reason FROM outreach_opt_out WHERE value = $1`, [v]);
  return { value: v, addedAt: row?.added_at ?? at, reason: row?.reason ?? reason };
}

export async function listOptOuts(store: Store): Promise<OptOut[]> {
  return (await store.all<{ value: string; added_at: Date; reason: string | null }>(`SELECT value, added_at, reason FROM outreach_opt_out ORDER BY value`)).map((r) => ({ value: r.value, addedAt: r.added_at, reason: r.reason }));
}

/** Whether an address is opted out, by itself or by its domain or any parent domain. */
export async function isOptedOut(store: Store, address: string): Promise<boolean> {
  const a = address.trim().toLowerCase();
  const host = a.slice(a.lastIndexOf('@') + 1);
  const labels = host.split('.');
  const candidates = [a, ...labels.map((_l, i) => labels.slice(i).join('.')).filter((d) => d.includes('.'))];
  return (await store.one(`SELECT 1 FROM outreach_opt_out WHERE ${dialectSql(store.dialect).has('$1', 'value')} LIMIT 1`, [candidates])) !== undefined;
}
