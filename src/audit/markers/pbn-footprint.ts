/**
 * `pbn-footprint`: referring domains that one owner runs. Each domain's footprints are its IPs (and
 * their /24), its tracking ids (analytics, AdSense, tag manager) and its main page template. Two
 * domains are partners when
 * - they share a tracking id (an account is personal) and one gives the other a followed link; or
 * - they share an IP and a private template, and give each other followed links both ways.
 * Only followed links count: a network exists to pass votes, and a nofollow comment link passes none.
 *
 * A shared IP, or /24, is weak evidence on its own: shared hosting puts hundreds of unrelated sites on
 * one address, and they link to each other as any sites do. A shared template is weak too when it
 * is a public theme. A template is private when every crawled domain whose main template it is sits
 * on one and the same IP: a public theme turns up on many servers, an owner's own build on the
 * owner's server. Both weak footprints are kept as evidence (`sharingAnyFootprint`) but make no
 * partners.
 *
 * NOTE: a footprint that more than AUDIT_THRESHOLDS.footprintMaxShare of the referring domains share
 * is a big host, a CDN or a popular theme, not a network, and is ignored (loopback demo hosts share one
 * /24, as sites behind one CDN do).
 */
import { AUDIT_THRESHOLDS as T } from './marker-table.js';
import { firstOf, type DetectorFactory } from './detector.js';

type Kind = 'ip' | 'ip24' | 'tracking' | 'template';

function slash24(ip: string): string | null {
  const m = /^(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  return m ? `${m[1]}.0/24` : null;
}

export const pbnFootprintMarker: DetectorFactory = (ctx) => {
  const keysOf = new Map<string, Map<Kind, string[]>>();
  const holders = new Map<string, Set<string>>();
  const add = (domain: string, kind: Kind, value: string): void => {
    const key = `${kind}:${value}`;
    let set = holders.get(key);
    if (!set) holders.set(key, (set = new Set()));
    set.add(domain);
  };
  for (const [domain, d] of ctx.domains) {
    for (const ip of d.ips) {
      add(domain, 'ip', ip);
      const net = slash24(ip);
      if (net) add(domain, 'ip24', net);
    }
    for (const id of d.trackingIds) add(domain, 'tracking', id);
    if (d.template !== null) add(domain, 'template', d.template);
  }
  const maxHolders = Math.max(2, Math.floor(ctx.domains.size * T.footprintMaxShare));
  for (const [key, set] of holders) {
    if (set.size < 2 || set.size > maxHolders) continue;
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon) as Kind;
    for (const domain of set) {
      let kinds = keysOf.get(domain);
      if (!kinds) keysOf.set(domain, (kinds = new Map()));
      const list = kinds.get(kind) ?? [];
      list.push(key.slice(colon + 1));
      kinds.set(kind, list);
    }
  }

  return (domain) => {
    const mine = keysOf.get(domain);
    if (!mine) return null;
    const shared = new Map<string, Set<Kind>>();
    for (const [kind, values] of mine) {
      for (const value of values) {
        for (const other of holders.get(`${kind}:${value}`) ?? []) {
          if (other === domain) continue;
          const s = shared.get(other) ?? new Set<Kind>();
          s.add(kind);
          shared.set(other, s);
        }
      }
    }
    const out = (p: string): boolean => ctx.interlinks.has(`${domain}>${p}`);
    const back = (p: string): boolean => ctx.interlinks.has(`${p}>${domain}`);
    const template = ctx.domains.get(domain)?.template ?? null;
    const spread = template === null ? undefined : ctx.templates.get(template);
    const privateTemplate = spread !== undefined && spread.ips.length === 1;
    const partners = [...shared]
      .filter(([p, kinds]) => (kinds.has('tracking') && (out(p) || back(p))) || (privateTemplate && kinds.has('ip') && kinds.has('template') && out(p) && back(p)))
      .map(([d]) => d)
      .sort();
    if (partners.length === 0) return null;
    const sharing = [...shared.keys()].sort();
    const footprints: Record<string, string[]> = {};
    for (const [kind, values] of mine) footprints[kind] = values;
    return {
      marker: 'pbn-footprint',
      // Two sites make a pair; three or more a network.
      strength: partners.length >= 2 ? 1 : 0.75,
      links: [],
      evidence: {
        partners: firstOf(partners, 10),
        partnerCount: partners.length,
        sharingAnyFootprint: firstOf(sharing, 10),
        sharedFootprints: footprints,
        ...(spread ? { template: { domainsCrawlWide: spread.domains, ips: firstOf(spread.ips, 10), private: privateTemplate } } : {}),
      },
    };
  };
};
