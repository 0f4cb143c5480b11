/**
 * Markers from where links come from over time and across sites: `expired-redirect` (a domain that
 * redirects to the target and serves nothing of its own, the mark of an expired domain bought for its
 * backlinks, or a redirect from an unrelated name), `velocity-spike` (a burst of new low-authority
 * domains, as in negative SEO), and `language-mismatch`.
 */
import { AUDIT_THRESHOLDS as T } from './marker-table.js';
import { firstOf, type DetectorFactory } from './detector.js';

const DAY_MS = 86_400_000;

export const expiredRedirectMarker: DetectorFactory = (ctx) => {
  const brand = ctx.target.brandTerms.map((b) => b.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((b) => b.length >= 3);
  const targetName = ctx.targetDomain.split('.')[0]!.replace(/[^a-z0-9]/g, '');
  return (domain, links) => {
    const hops = links.filter((l) => l.kind === 'redirect' || l.kind === 'meta-refresh');
    if (hops.length === 0) return null;
    const facts = ctx.domains.get(domain);
    const name = domain.split('.')[0]!.replace(/[^a-z0-9]/g, '');
    const related = name.includes(targetName) || targetName.includes(name) || brand.some((b) => name.includes(b));
    const servesNothing = (facts?.htmlPages ?? 0) === 0;
    if (!servesNothing && related) return null;
    return {
      marker: 'expired-redirect',
      // NOTE: a redirecting domain that still serves pages may be a merger or a move; weaker.
      strength: servesNothing ? 1 : 0.5,
      links: hops.map((l) => l.id),
      evidence: { redirects: firstOf(hops.map((l) => ({ from: l.srcUrl, to: l.dstUrl, status: l.httpStatus }))), pagesServed: facts?.htmlPages ?? 0, relatedName: related },
    };
  };
};

export const velocitySpikeMarker: DetectorFactory = (ctx) => {
  const firstDay = new Map<string, number>();
  for (const [domain, links] of ctx.byDomain) {
    const authority = ctx.domains.get(domain)?.authority ?? null;
    if (authority !== null && authority >= T.lowAuthority) continue;
    firstDay.set(domain, Math.floor(links.reduce((min, l) => Math.min(min, l.firstSeen.getTime()), Infinity) / DAY_MS));
  }
  const perDay = new Map<number, number>();
  for (const day of firstDay.values()) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  const earliest = Math.min(...perDay.keys());
  const spikes = new Map<number, { count: number; baseline: number }>();
  for (const [day, count] of perDay) {
    if (day - earliest < T.spikeHistoryDays || count < T.spikeMinDomains) continue;
    let before = 0;
    const window = Math.min(30, day - earliest);
    for (let d = day - window; d < day; d++) before += perDay.get(d) ?? 0;
    const baseline = before / window;
    if (count >= T.spikeFactor * Math.max(baseline, 1)) spikes.set(day, { count, baseline });
  }
  return (domain) => {
    const day = firstDay.get(domain);
    const spike = day === undefined ? undefined : spikes.get(day);
    if (spike === undefined || day === undefined) return null;
    return {
      marker: 'velocity-spike',
      strength: 1,
      links: [],
      evidence: { day: new Date(day * DAY_MS).toISOString().slice(0, 10), newLowAuthorityDomains: spike.count, dailyBaseline: Math.round(spike.baseline * 100) / 100, factor: T.spikeFactor },
    };
  };
};

export const languageMismatchMarker: DetectorFactory = (ctx) => (domain) => {
  const lang = ctx.domains.get(domain)?.lang ?? null;
  if (lang === null || ctx.targetLang === null || lang === ctx.targetLang) return null;
  return { marker: 'language-mismatch', strength: 1, links: [], evidence: { domainLang: lang, targetLang: ctx.targetLang } };
};
