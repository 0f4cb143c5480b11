/**
 * Markers from the link graph: high spam mass or low TrustRank for the PageRank (`spam-mass`, from
 * the metrics `vouch rank` stored), and link-farm structure (`link-farm`): a linking page with very
 * many outlinks to other sites, or a domain that swaps followed links with several other referring
 * domains, in a cluster that is dense and closed.
 *
 * NOTE: blogs in one niche cite each other, keep blogrolls and answer each other's posts; so many
 * of them have five or more reciprocal partners that link among themselves. What sets an exchange
 * ring apart is that it spends its votes on itself: most of the domains a ring member gives a
 * followed link to are its ring partners (AUDIT_THRESHOLDS.reciprocalOutShare), while an editorial
 * blog links out to many sites that never link back.
 */
import { AUDIT_THRESHOLDS as T } from './marker-table.js';
import { firstOf, type DetectorFactory } from './detector.js';

/**
 * Gyöngyi et al. judge spam mass only for nodes whose scaled PageRank n·p is at least ρ (mass
 * estimates of low-PageRank nodes are noise); and a node whose TrustRank is at least half its
 * PageRank draws on the trusted core whatever its mass (a trust seed can show a high relative mass
 * when few seeds exist). Both guards apply here. Without TrustRank (no seeds) the marker is silent.
 */
export const spamMassMarker: DetectorFactory = (ctx) => (domain) => {
  const d = ctx.domains.get(domain);
  if (!d || d.pagerank === null || d.pagerank <= 0 || d.spamMass === null || d.trust === null) return null;
  const scaled = d.pagerank * ctx.rankedDomains;
  const ratio = d.trust / d.pagerank;
  if (d.spamMass < T.spamMass || scaled < T.spamMassMinScaledPagerank || ratio >= T.trustToPagerank) return null;
  // Strength climbs from 0.5 at the threshold to 1 at a spam mass of 1.
  const strength = Math.min(1, 0.5 + (0.5 * (d.spamMass - T.spamMass)) / (1 - T.spamMass));
  return {
    marker: 'spam-mass',
    strength,
    links: [],
    evidence: { spamMass: d.spamMass, threshold: T.spamMass, scaledPagerank: scaled, trustToPagerank: ratio, maxTrustToPagerank: T.trustToPagerank },
  };
};

/** Each referring domain's reciprocal partners (a links to b and b to a), built once per audit. */
function mutualPartners(interlinks: ReadonlySet<string>): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  for (const edge of interlinks) {
    const [a, b] = edge.split('>') as [string, string];
    if (a < b && interlinks.has(`${b}>${a}`)) {
      (partners.get(a) ?? partners.set(a, []).get(a)!).push(b);
      (partners.get(b) ?? partners.set(b, []).get(b)!).push(a);
    }
  }
  return partners;
}

/** How densely a domain's reciprocal partners link to each other: linked pairs over all pairs. */
function clusterDensity(partners: readonly string[], interlinks: ReadonlySet<string>): number {
  let pairs = 0;
  let linked = 0;
  for (let i = 0; i < partners.length; i++) {
    for (let j = i + 1; j < partners.length; j++) {
      pairs++;
      if (interlinks.has(`${partners[i]}>${partners[j]}`) || interlinks.has(`${partners[j]}>${partners[i]}`)) linked++;
    }
  }
  return pairs === 0 ? 0 : linked / pairs;
}

export const linkFarmMarker: DetectorFactory = (ctx) => {
  // A page is crowded next to the rest of the profile, and past an absolute floor.
  const manyLinks = Math.max(T.farmPageExternalLinks, T.farmPageMedianFactor * ctx.medianExternalLinks);
  const mutual = mutualPartners(ctx.interlinks);
  return (domain, links) => {
    const farmPages = [...new Set(links.map((l) => l.srcUrl))]
      .map((url) => ctx.pages.get(url))
      .filter((p) => p !== undefined && (p.externalLinks >= manyLinks || p.externalDomains >= T.farmPageExternalDomains))
      .map((p) => ({ url: p!.url, externalLinks: p!.externalLinks, externalDomains: p!.externalDomains }));
    const reciprocal = (mutual.get(domain) ?? []).sort();
    const density = reciprocal.length >= T.reciprocalPartners ? clusterDensity(reciprocal, ctx.interlinks) : 0;
    const outDomains = ctx.domains.get(domain)?.followedOutDomains ?? 0;
    const closedShare = outDomains === 0 ? 0 : reciprocal.length / outDomains;
    const dense = reciprocal.length >= T.reciprocalPartners && density >= T.reciprocalDensity && closedShare >= T.reciprocalOutShare;
    if (farmPages.length === 0 && !dense) return null;
    const farmUrls = new Set(farmPages.map((p) => p.url));
    return {
      marker: 'link-farm',
      strength: farmPages.length > 0 ? 1 : 0.75,
      links: farmPages.length > 0 ? links.filter((l) => farmUrls.has(l.srcUrl)).map((l) => l.id) : [],
      evidence: {
        ...(farmPages.length > 0 ? { pages: firstOf(farmPages), pageCount: farmPages.length, thresholds: { externalLinks: manyLinks, externalDomains: T.farmPageExternalDomains } } : {}),
        ...(dense ? { reciprocalWith: firstOf(reciprocal, 10), reciprocalCount: reciprocal.length, clusterDensity: Math.round(density * 100) / 100, followedOutDomains: outDomains, shareOfVotesInCluster: Math.round(closedShare * 100) / 100 } : {}),
      },
    };
  };
};
