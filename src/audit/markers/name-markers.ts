/**
 * Markers about a domain's name: on a spam list (`spam-list`), or with a TLD or name pattern that
 * spam favours (`suspicious-tld`, table in data/suspicious-tlds.ts).
 */
import { SUSPICIOUS_PATTERNS, SUSPICIOUS_TLDS } from '../data/suspicious-tlds.js';
import type { DetectorFactory } from './detector.js';

/** The domain, or one of its hosts or their parents, is listed. */
export const spamListMarker: DetectorFactory = (ctx) => (domain) => {
  const hosts = ctx.domains.get(domain)?.hosts ?? [];
  const listed = [domain, ...hosts].filter((h) => ctx.spamList.has(h));
  if (listed.length === 0) return null;
  return { marker: 'spam-list', strength: 1, links: [], evidence: { listed: [...new Set(listed)] } };
};

export const suspiciousTldMarker: DetectorFactory = () => (domain) => {
  const dot = domain.indexOf('.');
  const name = dot === -1 ? domain : domain.slice(0, dot);
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  const matches: { match: string; why: string; strength: number }[] = [];
  for (const e of SUSPICIOUS_TLDS) if (e.match === tld) matches.push({ match: `.${tld}`, why: e.why, strength: e.strength });
  for (const e of SUSPICIOUS_PATTERNS) {
    if (typeof e.match !== 'string' && e.match.test(name)) matches.push({ match: String(e.match), why: e.why, strength: e.strength });
  }
  if (matches.length === 0) return null;
  // The strongest entry sets the strength; several entries add evidence, not score.
  return { marker: 'suspicious-tld', strength: Math.max(...matches.map((m) => m.strength)), links: [], evidence: { matches } };
};
