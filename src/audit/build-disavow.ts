/**
 * `vouch disavow <target>`: the disavow file for a target from its last audit (run now when there is
 * none), its blacklist and the entries the user keeps in `disavow_entries`.
 *
 * - level `domain`: a `domain:` line per referring domain at or above the threshold, or blacklisted;
 * - level `url`: a URL line per linking page of those domains (the pages whose links score at or
 *   above the threshold; every linking page when the domain's risk is spread over its links);
 * - whitelisted domains never get a generated line; the user's own entries always stay;
 * - `merge`: an existing file is kept as the user wrote it, and only what it lacks is added.
 * The generated entries are stored with source `audit` (replacing the previous run's), so the API
 * and the what-if see the same list.
 */
import type { Store } from '../store/index.js';
import { resolveTarget } from '../reports/index.js';
import { auditTarget, AUDIT_DEFAULTS } from './audit-target.js';
import type { AuditOptions } from './audit-target.js';
import { listDisavowEntries, replaceAuditEntries } from './disavow-entries.js';
import { mergeDisavow } from './disavow/merge-disavow.js';
import type { ParsedDisavow } from './disavow/parse-disavow.js';
import { writeDisavow, type DisavowWriteEntry, type WrittenDisavow } from './disavow/write-disavow.js';
import { listOverrides } from './overrides.js';
import type { LinkScore, MarkerId } from './types.js';

export interface BuildDisavowOptions extends Pick<AuditOptions, 'keywords' | 'spamLists' | 'spamList'> {
  threshold?: number;
  level?: 'domain' | 'url';
  /** The user's existing file, parsed; its lines are kept. */
  merge?: ParsedDisavow | null;
  /** When to run the audit first: never (use what is stored), if-missing, or always. */
  audit?: 'never' | 'if-missing' | 'always';
  /** Store the generated entries (source `audit`). */
  save?: boolean;
  now?: Date | null;
}

export const BUILD_DISAVOW_DEFAULTS = {
  threshold: AUDIT_DEFAULTS.threshold,
  level: 'domain',
  merge: null,
  audit: 'if-missing',
  save: true,
  now: null,
} satisfies Required<Omit<BuildDisavowOptions, 'keywords' | 'spamLists' | 'spamList'>>;

export interface BuiltDisavow extends WrittenDisavow {
  /** Domains the audit put over the threshold (after overrides). */
  toxicDomains: number;
  /** The user's own entries included. */
  userEntries: number;
}

interface StoredAudit {
  domain: string;
  toxicity: number;
  override: string | null;
  markers: string;
  link_scores: string;
}

function reason(toxicity: number, markers: MarkerId[], override: string | null): string {
  if (override === 'blacklist') return `blacklisted by the user (computed toxicity ${toxicity})`;
  return `toxicity ${toxicity}: ${markers.join(', ') || 'no marker'}`;
}

/**
 * Build (and optionally store) the disavow file of a target.
 * @example const { text } = await buildDisavow(store, 'acme-shop.test', { threshold: 80 });
 * @throws NotFoundError for an unknown target; ValidationError TOO_LARGE when the file cannot fit.
 */
export async function buildDisavow(store: Store, targetRef: string, options: BuildDisavowOptions = {}): Promise<BuiltDisavow> {
  const o = { ...BUILD_DISAVOW_DEFAULTS, ...options };
  const target = await resolveTarget(store, targetRef);
  const now = o.now ?? new Date();
  const have = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_results WHERE target_id = $1`, [target.id]);
  if (o.audit === 'always' || (o.audit === 'if-missing' && (have?.n ?? 0) === 0)) {
    await auditTarget(store, targetRef, { keywords: o.keywords ?? null, spamLists: o.spamLists ?? [], spamList: o.spamList ?? null, threshold: o.threshold, now });
  }
  const overrides = await listOverrides(store, target.id);
  const whitelisted = new Set(overrides.filter((x) => x.list === 'whitelist').map((x) => x.domain));
  const rows = await store.all<StoredAudit>(
    // JSON columns are text on ClickHouse already.
    store.dialect === 'clickhouse'
      ? `SELECT domain, toxicity, override, markers, link_scores FROM audit_results WHERE target_id = $1 AND toxicity >= $2 ORDER BY toxicity DESC, domain`
      : `SELECT domain, toxicity, override, markers::VARCHAR AS markers, link_scores::VARCHAR AS link_scores FROM audit_results
      WHERE target_id = $1 AND toxicity >= $2 ORDER BY toxicity DESC, domain`,
    [target.id, o.threshold],
  );
  const generated: DisavowWriteEntry[] = [];
  for (const row of rows) {
    if (whitelisted.has(row.domain)) continue;
    const markers = (JSON.parse(row.markers) as { marker: MarkerId }[]).map((m) => m.marker);
    const why = reason(row.toxicity, markers, row.override);
    if (o.level === 'domain') {
      generated.push({ kind: 'domain', value: row.domain, comment: why });
      continue;
    }
    const links = JSON.parse(row.link_scores) as LinkScore[];
    const hot = links.filter((l) => l.toxicity >= o.threshold);
    const pages = [...new Set((hot.length > 0 ? hot : links).map((l) => l.srcUrl))];
    pages.forEach((url, i) => generated.push({ kind: 'url', value: url, comment: i === 0 ? why : null }));
  }
  // Blacklisted domains the audit did not see (no live link now) still belong in the file.
  const seen = new Set(rows.map((r) => r.domain));
  for (const x of overrides) if (x.list === 'blacklist' && !seen.has(x.domain)) generated.push({ kind: 'domain', value: x.domain, comment: 'blacklisted by the user' });

  const user = (await listDisavowEntries(store, target.id, 'user')).map((e) => ({ kind: e.kind, value: e.value, comment: e.comment }));
  const header = [
    `Disavow file for ${target.name}, generated by Vouch on ${now.toISOString()}`,
    `level ${o.level}, toxicity threshold ${o.threshold}; ${rows.length} toxic referring domain(s)`,
  ];
  const all = [...user, ...generated];
  const written = o.merge ? mergeDisavow(o.merge, all, { header }) : writeDisavow(all, { header });
  if (o.save) await replaceAuditEntries(store, target.id, generated);
  return { ...written, toxicDomains: rows.filter((r) => !whitelisted.has(r.domain)).length, userEntries: user.length };
}
