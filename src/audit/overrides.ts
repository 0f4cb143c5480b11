/**
 * The user's per-target whitelist and blacklist of referring domains. An override wins over the
 * computed toxicity (whitelist: 0, blacklist: 100) and is user state: the audit only reads it.
 */
import { domainToASCII } from 'node:url';
import { ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { isHostName } from './disavow/disavow-rules.js';
import type { OverrideList } from './types.js';

/** Domains per ClickHouse statement (they travel as one Array parameter, in the URL over HTTP). */
const NAMES_PER_STATEMENT = 1000;

export interface AuditOverride {
  domain: string;
  list: OverrideList;
  comment: string | null;
  createdAt: Date;
}

/** A domain as stored: lower-case punycode. @throws ValidationError INVALID_INPUT. */
export function normaliseDomain(value: string): string {
  const ascii = domainToASCII(value.trim().replace(/^domain:/i, '').replace(/\.$/, '').toLowerCase());
  if (!isHostName(ascii)) throw new ValidationError(`not a domain name: ${JSON.stringify(value.slice(0, 100))}`, [{ where: 'domain', message: value.slice(0, 100) }]);
  return ascii;
}

export async function listOverrides(store: Store, targetId: number, list?: OverrideList): Promise<AuditOverride[]> {
  // ClickHouse cannot cast a NULL parameter to a plain String: there the filter is left out instead.
  const sql = store.dialect === 'clickhouse'
    ? `SELECT domain, list, comment, created_at FROM audit_overrides WHERE target_id = $1${list === undefined ? '' : ' AND list = $2'} ORDER BY domain`
    : `SELECT domain, list, comment, created_at FROM audit_overrides WHERE target_id = $1 AND ($2::VARCHAR IS NULL OR list = $2) ORDER BY domain`;
  const rows = await store.all<{ domain: string; list: OverrideList; comment: string | null; created_at: Date }>(sql, store.dialect === 'clickhouse' && list === undefined ? [targetId] : [targetId, list ?? null]);
  return rows.map((r) => ({ domain: r.domain, list: r.list, comment: r.comment, createdAt: r.created_at }));
}

/** Put domains on a list (moving them off the other one). Returns the stored overrides. */
export async function setOverrides(store: Store, targetId: number, list: OverrideList, domains: readonly string[], comment: string | null = null): Promise<AuditOverride[]> {
  const names = [...new Set(domains.map(normaliseDomain))];
  if (store.dialect === 'clickhouse') {
    // A new row version per domain (ReplacingMergeTree by target and domain, newest updated_at wins).
    for (let i = 0; i < names.length; i += NAMES_PER_STATEMENT) {
      await store.run(
        `INSERT INTO audit_overrides_data (target_id, domain, list, comment, created_at, updated_at)
         SELECT $1, d, $3, $4, now64(3, 'UTC'), now64(3, 'UTC') FROM (SELECT arrayJoin($2) AS d)`,
        [targetId, names.slice(i, i + NAMES_PER_STATEMENT), list, comment],
      );
    }
    return (await listOverrides(store, targetId)).filter((o) => names.includes(o.domain));
  }
  await store.transaction(async () => {
    for (const domain of names) {
      await store.run(
        `INSERT INTO audit_overrides (target_id, domain, list, comment, created_at) VALUES ($1, $2, $3, $4, now()::TIMESTAMP)
         ON CONFLICT (target_id, domain) DO UPDATE SET list = EXCLUDED.list, comment = EXCLUDED.comment, created_at = EXCLUDED.created_at`,
        [targetId, domain, list, comment],
      );
    }
  });
  return (await listOverrides(store, targetId)).filter((o) => names.includes(o.domain));
}

/** Take domains off whichever list holds them. Returns how many were removed. */
export async function removeOverrides(store: Store, targetId: number, domains: readonly string[], list?: OverrideList): Promise<number> {
  const names = [...new Set(domains.map(normaliseDomain))];
  const before = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_overrides WHERE target_id = $1`, [targetId]);
  if (store.dialect === 'clickhouse') {
    for (let i = 0; i < names.length; i += NAMES_PER_STATEMENT) {
      const chunk = names.slice(i, i + NAMES_PER_STATEMENT);
      if (list === undefined) await store.run(`DELETE FROM audit_overrides_data WHERE target_id = $1 AND has($2, domain)`, [targetId, chunk]);
      else await store.run(`DELETE FROM audit_overrides_data WHERE target_id = $1 AND has($2, domain) AND list = $3`, [targetId, chunk, list]);
    }
  } else {
    await store.run(`DELETE FROM audit_overrides WHERE target_id = $1 AND domain IN (SELECT unnest($2::VARCHAR[])) AND ($3::VARCHAR IS NULL OR list = $3)`, [targetId, names, list ?? null]);
  }
  const after = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_overrides WHERE target_id = $1`, [targetId]);
  return (before?.n ?? 0) - (after?.n ?? 0);
}
