/**
 * `vouch audit`: score every referring domain of a target, and each of its links, for toxicity
 * 0–100, with the markers that fired and their evidence (markers/marker-table.ts, toxicity.ts). The
 * result is stored: one row per referring domain in `audit_results` (markers and link scores as
 * JSON), and the score in `domains.toxicity` with `toxicity_computed_at`. The user's whitelist and
 * blacklist (overrides.ts) win over the computed score and are never changed here.
 */
import type { Store } from '../store/index.js';
import { resolveTarget } from '../reports/index.js';
import type { TargetRecord } from '../reports/index.js';
import { loadAuditContext } from './internal/audit-context.js';
import { saveAudit } from './internal/save-audit.js';
import { DETECTORS } from './markers/all-detectors.js';
import { isFollowed } from './markers/detector.js';
import { listOverrides } from './overrides.js';
import { loadSpamList } from './spam-list.js';
import { scoreDomain } from './toxicity.js';
import type { DomainAudit, MarkerHit, MarkerId } from './types.js';

export interface AuditOptions {
  /** Commercial keywords for the anchor markers; null uses those stored with the target. */
  keywords?: readonly string[] | null;
  /** The toxicity from which a domain counts as toxic (summary and disavow). */
  threshold?: number;
  /** Extra spam-list files, added to the bundled list. */
  spamLists?: readonly string[];
  /** A ready spam list instead of loading files (tests, the API). */
  spamList?: ReadonlySet<string> | null;
  /** Write the result to the store. */
  save?: boolean;
  now?: Date | null;
}

export const AUDIT_DEFAULTS = {
  keywords: null,
  threshold: 70,
  spamLists: [],
  spamList: null,
  save: true,
  now: null,
} satisfies Required<AuditOptions>;

export interface AuditResult {
  target: Pick<TargetRecord, 'id' | 'name' | 'value' | 'scope'>;
  computedAt: Date;
  threshold: number;
  keywords: string[];
  /** Every referring domain, most toxic first. */
  domains: DomainAudit[];
  summary: { domains: number; toxic: number; links: number; toxicLinks: number; byMarker: Partial<Record<MarkerId, number>> };
}

/**
 * Audit the backlinks of a stored target.
 * @example const { domains } = await auditTarget(store, 'acme-shop.test', { keywords: ['cheap widgets'] });
 * @throws NotFoundError when the target is unknown; ValidationError for a bad spam-list file.
 */
export async function auditTarget(store: Store, targetRef: string, options: AuditOptions = {}): Promise<AuditResult> {
  const o = { ...AUDIT_DEFAULTS, ...options };
  const target = await resolveTarget(store, targetRef);
  const computedAt = o.now ?? new Date();
  const spamList = o.spamList ?? (await loadSpamList(o.spamLists));
  const ctx = await loadAuditContext(store, target, o.keywords ?? target.keywords, spamList, computedAt);
  const detectors = (Object.keys(DETECTORS) as MarkerId[]).map((id) => DETECTORS[id](ctx));
  const overrides = new Map((await listOverrides(store, target.id)).map((x) => [x.domain, x.list]));

  const domains: DomainAudit[] = [];
  for (const [domain, links] of ctx.byDomain) {
    const hits: MarkerHit[] = [];
    for (const detect of detectors) {
      const hit = detect(domain, links);
      if (hit !== null) hits.push(hit);
    }
    const scored = scoreDomain(links, hits);
    const override = overrides.get(domain) ?? null;
    domains.push({
      domain,
      toxicity: override === 'whitelist' ? 0 : override === 'blacklist' ? 100 : scored.toxicity,
      computedToxicity: scored.toxicity,
      override,
      authority: ctx.domains.get(domain)?.authority ?? null,
      links: links.length,
      followedLinks: links.filter(isFollowed).length,
      markers: scored.markers,
      linkScores: scored.linkScores,
    });
  }
  domains.sort((a, b) => b.toxicity - a.toxicity || a.domain.localeCompare(b.domain));

  const byMarker: Partial<Record<MarkerId, number>> = {};
  for (const d of domains) for (const m of d.markers) byMarker[m.marker] = (byMarker[m.marker] ?? 0) + 1;
  const toxic = domains.filter((d) => d.toxicity >= o.threshold);
  const result: AuditResult = {
    target: { id: target.id, name: target.name, value: target.value, scope: target.scope },
    computedAt,
    threshold: o.threshold,
    keywords: ctx.keywords,
    domains,
    summary: {
      domains: domains.length,
      toxic: toxic.length,
      links: ctx.links.length,
      toxicLinks: domains.reduce((n, d) => n + d.linkScores.filter((l) => l.toxicity >= o.threshold).length, 0),
      byMarker,
    },
  };
  if (o.save) await saveAudit(store, target.id, domains, computedAt);
  return result;
}
