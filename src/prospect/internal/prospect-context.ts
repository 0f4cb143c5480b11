import { NotFoundError, ValidationError } from '../../core/errors.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import { listTargets, resolveSite, resolveTarget } from '../../reports/index.js';
import type { TargetRecord, TargetRef } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import { termWords } from '../relevance.js';

/** Everything a source needs to know about who is looking for links. */
export interface ProspectContext {
  target: TargetRecord;
  /** Relationships are judged at the registrable domain of the target. */
  targetDomain: string;
  competitors: TargetRef[];
  competitorDomains: string[];
  /** Domains never proposed: the target's and the competitors'. */
  excluded: string[];
  brandTerms: string[];
  /** Words relevance looks for (keywords and brand terms). */
  words: string[];
  maxToxicity: number;
}

export function domainOfRef(site: { scope: string; value: string }): string {
  if (site.scope === 'domain') return site.value;
  return registrableDomain(site.scope === 'host' ? site.value : new URL(site.value).hostname);
}

/** Brand terms of a target: the stored ones, else its domain's name with and without hyphens. */
export function brandTermsOf(target: TargetRecord, domain: string): string[] {
  if (target.brandTerms.length > 0) return target.brandTerms.map((t) => t.toLowerCase());
  const name = domain.split('.')[0] ?? domain;
  return [...new Set([domain, name, name.replace(/-/g, ' ')])];
}

export async function prospectContext(store: Store, q: { target: string; competitor?: string[] | undefined; keywords?: string[] | undefined; maxToxicity: number }): Promise<ProspectContext> {
  const target = await resolveTarget(store, q.target);
  const targetDomain = domainOfRef(target);
  const competitors: TargetRef[] = [];
  if (q.competitor && q.competitor.length > 0) {
    for (const c of q.competitor) {
      try {
        competitors.push(await resolveSite(store, c));
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        throw new ValidationError(`Invalid parameter competitor: ${JSON.stringify(c)} is neither a target nor a domain, host or URL`, [{ where: 'competitor', message: `${JSON.stringify(c)} is neither a target nor a domain, host or URL` }]);
      }
    }
  } else {
    for (const t of await listTargets(store, { kind: 'competitor' })) competitors.push({ id: t.id, name: t.name, value: t.value, scope: t.scope });
  }
  const competitorDomains = [...new Set(competitors.map(domainOfRef))].filter((d) => d !== targetDomain);
  const brandTerms = brandTermsOf(target, targetDomain);
  return {
    target,
    targetDomain,
    competitors,
    competitorDomains,
    excluded: [targetDomain, ...competitorDomains],
    brandTerms,
    words: termWords([...target.keywords, ...(q.keywords ?? []), ...brandTerms]),
    maxToxicity: q.maxToxicity,
  };
}
