/**
 * The markers of the link audit, their weights and what each one means. A weight w is the risk the
 * marker alone stands for: a domain with only that marker, on a followed link, scores 100·w. How
 * markers combine is in toxicity.ts. Detection rules and thresholds live next to each detector
 * (markers/*.ts); the numbers they use are in AUDIT_THRESHOLDS below.
 *
 * | marker | level | weight | fires when |
 * |---|---|---|---|
 * | spam-list | domain | 0.90 | the domain or one of its hosts is on the bundled spam list or a `--spam-list` file |
 * | spam-mass | domain | 0.30 | relative spam mass ≥ 0.75 (strength 0.5, growing to 1 at 1.0) with TrustRank under half the PageRank, for domains of at least average PageRank (needs TrustRank seeds in `vouch rank`) |
 * | link-farm | domain | 0.65 | a linking page has ≥ 30 links to other sites and 4× the profile's median, or links to ≥ 50 other domains; or (strength 0.75) the domain swaps followed links with ≥ 5 referring domains that mostly link to each other too (density ≥ 0.5), and those partners are ≥ 2/3 of all the domains it gives followed links to |
 * | pbn-footprint | domain | 0.65 | it shares a tracking id (analytics, AdSense, tag manager) with another referring domain and one gives the other a followed link; or it shares an IP and a private template (one found, crawl-wide, on that one IP only) and they give each other followed links both ways. A shared IP or /24 alone never fires it (strength 1 with ≥ 2 partners, else 0.75) |
 * | exact-match-anchor | link | 0.35 | the anchor is one of the commercial keywords, and the source's authority is under 40 (or unranked) |
 * | anchor-over-optimisation | link | 0.15 | keyword anchors are ≥ 10 % of the profile's followed links, and this link has one |
 * | sitewide-footer | link | 0.15 | the link sits in a footer, or repeats on ≥ 3 pages and half the site's pages |
 * | hidden-link | link | 0.40 | CSS or the `hidden` attribute hides the link |
 * | paid-unmarked | link | 0.55 | a followed link on a page that reads "sponsored post", "advertorial", "paid post" … without rel=sponsored |
 * | thin-page | link | 0.15 | the linking page has under 100 words, or links out to ≥ 40 other domains |
 * | suspicious-tld | domain | 0.30 | a TLD or name pattern of data/suspicious-tlds.ts (strength per entry) |
 * | expired-redirect | domain | 0.70 | the domain redirects to the target and serves no page of its own (an expired domain bought for its links) |
 * | velocity-spike | domain | 0.25 | its first link came on a day when low-authority domains arrived at ≥ 4× the usual rate, with ≥ 14 days of history |
 * | language-mismatch | domain | 0.15 | the domain's pages are in another language than the target's (`<html lang>`, primary subtag; topic mismatch is not detected) |
 *
 * Changes, and why (weights unchanged so far):
 * - link-farm, page rule: "≥ 25 other domains" became ≥ 50. A resource page or a link roundup lists
 *   a few dozen sites as a matter of course; farm and directory pages list far more.
 * - link-farm, reciprocal rule: only followed links count (a nofollow comment link trades no vote),
 *   and the partners must be ≥ 2/3 of the domains the domain gives followed links to
 *   (`reciprocalOutShare`). Blogs of one niche cite each other and keep blogrolls, so five or more
 *   mutual partners that know each other are normal; a ring spends most of its votes on itself.
 * - pbn-footprint: only followed links count as interlinks, and IP + template makes partners only
 *   when the template is private (every crawled domain whose main template it is sits on that one
 *   IP). Shared hosting puts many unrelated sites on one IP, a popular theme on many servers, and
 *   sites that share both still cite each other. An IP or /24 alone stays evidence, never a partner.
 * - Each domain's main template is its most common one with ties to the smaller hash (it was
 *   DuckDB's mode(), whose ties made two audits of one crawl disagree).
 */
import type { MarkerId } from '../types.js';

export interface MarkerSpec {
  id: MarkerId;
  level: 'domain' | 'link';
  weight: number;
  description: string;
}

export const MARKERS: readonly MarkerSpec[] = [
  { id: 'spam-list', level: 'domain', weight: 0.9, description: 'on a known spam list' },
  { id: 'spam-mass', level: 'domain', weight: 0.3, description: 'high spam mass, or low TrustRank for its PageRank' },
  { id: 'link-farm', level: 'domain', weight: 0.65, description: 'link-farm structure: pages with very many outlinks, or dense reciprocal links' },
  { id: 'pbn-footprint', level: 'domain', weight: 0.65, description: 'private blog network footprint: shared tracking id, or IP and private template, with followed interlinks' },
  { id: 'exact-match-anchor', level: 'link', weight: 0.35, description: 'exact-match commercial anchor from a low-authority source' },
  { id: 'anchor-over-optimisation', level: 'link', weight: 0.15, description: 'keyword anchor in an over-optimised profile' },
  { id: 'sitewide-footer', level: 'link', weight: 0.15, description: 'sitewide or footer link' },
  { id: 'hidden-link', level: 'link', weight: 0.4, description: 'hidden link' },
  { id: 'paid-unmarked', level: 'link', weight: 0.55, description: 'paid link not marked sponsored' },
  { id: 'thin-page', level: 'link', weight: 0.15, description: 'link from a thin page or one with many unrelated outlinks' },
  { id: 'suspicious-tld', level: 'domain', weight: 0.3, description: 'suspicious TLD or domain pattern' },
  { id: 'expired-redirect', level: 'domain', weight: 0.7, description: 'redirect from an expired or unrelated domain' },
  { id: 'velocity-spike', level: 'domain', weight: 0.25, description: 'part of a sudden spike of low-authority domains' },
  { id: 'language-mismatch', level: 'domain', weight: 0.15, description: 'language differs from the target' },
];

export const MARKER_BY_ID: ReadonlyMap<MarkerId, MarkerSpec> = new Map(MARKERS.map((m) => [m.id, m]));

/** The numbers the detectors use, in one place. */
export const AUDIT_THRESHOLDS = {
  spamMass: 0.75,
  /** Gyöngyi et al.'s ρ: spam mass is judged only for domains with at least average PageRank. */
  spamMassMinScaledPagerank: 1,
  trustToPagerank: 0.5,
  farmPageExternalLinks: 30,
  farmPageMedianFactor: 4,
  /** A resource page or a roundup lists a few dozen sites; a farm or directory page lists far more. */
  farmPageExternalDomains: 50,
  /** A blogroll among a handful of friends is normal; a ring of six or more sites swapping links is a scheme. */
  reciprocalPartners: 5,
  reciprocalDensity: 0.5,
  /** Reciprocal partners as a share of all the domains the domain gives followed links to: a ring spends its votes on itself. */
  reciprocalOutShare: 2 / 3,
  lowAuthority: 40,
  overOptimisedShare: 0.1,
  sitewideMinPages: 3,
  sitewideShare: 0.5,
  thinWords: 100,
  unrelatedOutlinkDomains: 40,
  /** A footprint shared by more referring domains than this share of them is a host or theme, not a network. */
  footprintMaxShare: 0.5,
  spikeFactor: 4,
  spikeMinDomains: 5,
  spikeHistoryDays: 14,
} as const;

/** A link with nofollow, ugc, sponsored or meta nofollow counts this much of a followed one: Google treats these as hints. */
export const HINT_FACTOR = 0.3;
