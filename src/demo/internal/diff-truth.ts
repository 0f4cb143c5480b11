/**
 * Day 1 → day 2 over the links a crawl must find (onCrawlablePage). A link is the same link on
 * both days when its kind, source, destination and anchor agree; a changed rel is a loss of
 * value ('now-nofollow'), not a new link.
 */
import type { DemoLossReason, DemoTruth, DemoTruthDiff, DemoTruthLink, DemoTruthPage, DemoTruthPageChange } from '../types.js';

/** The identity of a link across days (and in the store). */
export function truthLinkKey(link: Pick<DemoTruthLink, 'kind' | 'srcUrl' | 'dstUrl' | 'anchor'>): string {
  return `${link.kind}\u0000${link.srcUrl}\u0000${link.dstUrl}\u0000${link.anchor}`;
}

function lossReason(page: DemoTruthPage | undefined): DemoLossReason {
  if (page === undefined || page.status === 404 || page.status === 410) return 'page-gone';
  if (page.status >= 300 && page.status < 400) return 'page-redirects';
  if (!page.crawlable) return 'page-blocked';
  return 'link-removed';
}

export function diffTruth(day1: DemoTruth, day2: DemoTruth, pages: DemoTruthPageChange[]): DemoTruthDiff {
  const live = (t: DemoTruth): Map<string, DemoTruthLink> => new Map(t.links.filter((l) => l.onCrawlablePage).map((l) => [truthLinkKey(l), l]));
  const before = live(day1);
  const after = live(day2);
  const pages1 = new Map(day1.pages.map((pg) => [pg.url, pg]));
  const pages2 = new Map(day2.pages.map((pg) => [pg.url, pg]));
  const added = [...after.entries()].filter(([k]) => !before.has(k)).map(([, l]) => l);
  const removed: DemoTruthDiff['removed'] = [];
  for (const [key, link] of before) {
    const now = after.get(key);
    if (now === undefined) {
      removed.push({ link, reason: lossReason(pages2.get(link.srcUrl)) });
    } else if (link.followed && !now.followed) {
      removed.push({ link, reason: 'now-nofollow', now });
    } else if (pages1.get(link.srcUrl)?.noindex === false && pages2.get(link.srcUrl)?.noindex === true) {
      removed.push({ link, reason: 'page-noindex', now });
    }
  }
  return { added, removed, pages };
}
