/**
 * Markers about where and how a link sits: `hidden-link` (hidden by CSS or the `hidden` attribute),
 * `sitewide-footer` (in a footer, or on most pages of the site), `paid-unmarked` (a followed link on a
 * page that says it was paid for), and `thin-page` (a page with little text or very many outlinks to
 * other domains).
 */
import { PAID_WORDING } from '../internal/audit-context.js';
import { AUDIT_THRESHOLDS as T } from './marker-table.js';
import { firstOf, isFollowed, type DetectorFactory } from './detector.js';

export const hiddenLinkMarker: DetectorFactory = () => (_domain, links) => {
  const hits = links.filter((l) => l.hidden);
  if (hits.length === 0) return null;
  return { marker: 'hidden-link', strength: 1, links: hits.map((l) => l.id), evidence: { examples: firstOf(hits.map((l) => ({ srcUrl: l.srcUrl, anchor: l.anchor }))) } };
};

export const sitewideFooterMarker: DetectorFactory = (ctx) => (domain, all) => {
  // Redirect hops and head links repeat per URL by nature; only links in the page count.
  const links = all.filter((l) => l.kind === 'a' || l.kind === 'img');
  const footer = links.filter((l) => l.position === 'footer');
  const pagesByLink = new Map<string, Set<string>>();
  for (const l of links) {
    const key = `${l.dstUrl} ${l.anchor}`;
    const set = pagesByLink.get(key) ?? new Set<string>();
    set.add(l.srcUrl);
    pagesByLink.set(key, set);
  }
  const sitePages = Math.max(1, ctx.domains.get(domain)?.htmlPages ?? 0);
  const sitewide = [...pagesByLink].filter(([, pages]) => pages.size >= T.sitewideMinPages && pages.size >= sitePages * T.sitewideShare);
  const sitewideKeys = new Set(sitewide.map(([k]) => k));
  const hits = links.filter((l) => l.position === 'footer' || sitewideKeys.has(`${l.dstUrl} ${l.anchor}`));
  if (hits.length === 0) return null;
  return {
    marker: 'sitewide-footer',
    // A footer link on one page is a weaker sign than the same link on most of the site.
    strength: sitewide.length > 0 ? 1 : 0.5,
    links: hits.map((l) => l.id),
    evidence: {
      footerLinks: footer.length,
      sitewide: sitewide.map(([k, pages]) => ({ link: k, pages: pages.size, sitePages })),
    },
  };
};

export const paidUnmarkedMarker: DetectorFactory = (ctx) => (_domain, links) => {
  const hits = links.filter((l) => isFollowed(l) && (l.kind === 'a' || l.kind === 'img') && ctx.pages.get(l.srcUrl)?.paidPhrase);
  if (hits.length === 0) return null;
  return {
    marker: 'paid-unmarked',
    strength: 1,
    links: hits.map((l) => l.id),
    evidence: { pages: firstOf([...new Set(hits.map((l) => l.srcUrl))].map((url) => ({ url, wording: ctx.pages.get(url)?.paidPhrase }))), pattern: PAID_WORDING.source },
  };
};

export const thinPageMarker: DetectorFactory = (ctx) => (_domain, links) => {
  const found: { url: string; words: number | null; externalDomains: number }[] = [];
  const ids: number[] = [];
  for (const l of links) {
    const p = ctx.pages.get(l.srcUrl);
    if (!p || (l.kind !== 'a' && l.kind !== 'img')) continue;
    const thin = p.wordCount !== null && p.wordCount < T.thinWords;
    const crowded = p.externalDomains >= T.unrelatedOutlinkDomains;
    if (!thin && !crowded) continue;
    ids.push(l.id);
    if (!found.some((f) => f.url === p.url)) found.push({ url: p.url, words: p.wordCount, externalDomains: p.externalDomains });
  }
  if (ids.length === 0) return null;
  return { marker: 'thin-page', strength: 1, links: ids, evidence: { pages: firstOf(found), thinWords: T.thinWords, outlinkDomains: T.unrelatedOutlinkDomains } };
};
