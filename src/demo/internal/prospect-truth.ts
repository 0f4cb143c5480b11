/**
 * The prospects and contacts of one day's truth. Prospects are derived from the truth's links and
 * the page models by these definitions (T = the target's domain, C = the competitors' domains; a
 * link counts when it is on a crawlable page; a source is a legit site outside T and C; "links to
 * T" means any link of any kind to T):
 * - link-gap: a domain with a link to C and none to T;
 * - broken-link: an external `a`/`img` link from a page that does not link to T, to a URL outside T
 *   that answers 4xx/5xx;
 * - competitor-lost (day 2): a link to C removed from a page that still answers 200 and does not
 *   link to T;
 * - unlinked-mention: a 200 page that does not link to T whose title or visible text names a brand term;
 * - resource-page: a page that does not link to T, titled like a links page (RESOURCE_TITLE), with
 *   `a` links to at least RESOURCE_MIN_DOMAINS other domains, one of them in C.
 */
import type { DemoTruth, DemoTruthContact, DemoTruthProspect } from '../types.js';
import type { Block, PageModel } from './model.js';
import { BRAND_TERMS, NICHE_SITES, type WebPlan } from './plan-web.js';
import { CONTACT_PATH } from './plant-prospects.js';
import { collapse } from './sanitize-page.js';
import type { WebDraft } from './web-draft.js';

export const RESOURCE_TITLE = /\b(resources?|useful links|links|link list|further reading|recommended sites)\b/i;
export const RESOURCE_MIN_DOMAINS = 8;

type BaseTruth = Omit<DemoTruth, 'prospects' | 'contacts' | 'contactDecoys'>;

/** Visible text of a page model: text and text-link anchors, not raw markup or image alt text. */
function visibleText(page: PageModel): string {
  const out: string[] = [page.title];
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      for (const x of b.inlines ?? []) {
        if (typeof x === 'string') out.push(x);
        else if (x.t === 'a' && x.img === undefined) out.push(x.text);
      }
      if (b.children) walk(b.children);
    }
  };
  for (const blocks of Object.values(page.sections)) walk(blocks);
  return collapse(out.join(' ')).toLowerCase();
}

function mentionsBrand(text: string): boolean {
  return BRAND_TERMS.some((term) => new RegExp(`(^|[^a-z0-9])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(text));
}

export function prospectTruth(truth: BaseTruth, web: WebPlan, draft: WebDraft): Pick<DemoTruth, 'prospects' | 'contacts' | 'contactDecoys'> {
  const target = truth.target;
  const competitors = new Set(truth.competitors);
  const legit = new Set(truth.domains.filter((d) => d.class === 'legit').map((d) => d.domain));
  const niche = new Set(web.niche.map((n) => n.site.domain));
  const isSource = (domain: string): boolean => legit.has(domain) && domain !== target && !competitors.has(domain);
  const live = truth.links.filter((l) => l.onCrawlablePage);
  const pageLinksTarget = new Set(live.filter((l) => l.dstDomain === target).map((l) => l.srcUrl));
  const domainLinksTarget = new Set(live.filter((l) => l.dstDomain === target && l.srcDomain !== target).map((l) => l.srcDomain));
  const pages = new Map(truth.pages.map((pg) => [pg.url, pg]));
  const prospects: DemoTruthProspect[] = [];
  const add = (p: Omit<DemoTruthProspect, 'planted'>): void => {
    prospects.push({ ...p, planted: niche.has(p.domain) });
  };

  const gap = new Set(live.filter((l) => competitors.has(l.dstDomain) && l.srcDomain !== l.dstDomain && isSource(l.srcDomain) && !domainLinksTarget.has(l.srcDomain)).map((l) => l.srcDomain));
  for (const domain of [...gap].sort()) add({ kind: 'link-gap', domain, url: null });

  const broken = new Set<string>();
  for (const l of live) {
    if ((l.kind !== 'a' && l.kind !== 'img') || l.srcDomain === l.dstDomain || l.dstDomain === target || !isSource(l.srcDomain) || pageLinksTarget.has(l.srcUrl)) continue;
    const dst = pages.get(l.dstUrl);
    const key = `${l.srcUrl} ${l.dstUrl}`;
    if (dst !== undefined && dst.status >= 400 && !broken.has(key)) {
      broken.add(key);
      add({ kind: 'broken-link', domain: l.srcDomain, url: l.srcUrl, deadUrl: l.dstUrl });
    }
  }

  for (const r of truth.diff?.removed ?? []) {
    const l = r.link;
    if (r.reason !== 'link-removed' || !competitors.has(l.dstDomain) || !isSource(l.srcDomain) || pageLinksTarget.has(l.srcUrl)) continue;
    if (pages.get(l.srcUrl)?.status !== 200) continue;
    add({ kind: 'competitor-lost', domain: l.srcDomain, url: l.srcUrl, competitorUrl: l.dstUrl });
  }

  for (const page of draft.pages.values()) {
    const domain = truth.domains.find((d) => d.hosts.includes(page.host))?.domain;
    const tp = pages.get(page.url);
    if (domain === undefined || tp?.crawlable !== true || !isSource(domain) || pageLinksTarget.has(page.url)) continue;
    if (mentionsBrand(visibleText(page))) add({ kind: 'unlinked-mention', domain, url: page.url });
    if (RESOURCE_TITLE.test(page.title)) {
      const out = new Set(live.filter((l) => l.srcUrl === page.url && l.kind === 'a' && l.dstDomain !== domain).map((l) => l.dstDomain));
      if (out.size >= RESOURCE_MIN_DOMAINS && [...out].some((d) => competitors.has(d))) add({ kind: 'resource-page', domain, url: page.url });
    }
  }

  return { prospects, contacts: plantedContacts(draft, truth), contactDecoys: ['pixel@tracking-vendor.test', 'logo@2x.png', 'banner@3x.jpg'] };
}

/** The contacts planted by plant-prospects.ts, with the page each is on. */
function plantedContacts(draft: WebDraft, truth: BaseTruth): DemoTruthContact[] {
  const [gizmo, tinker, homeshop] = NICHE_SITES.map((n) => ({ host: n.host, domain: n.host.replace(/^www\./, '') }));
  const c = (site: { host: string; domain: string }, path: string, type: DemoTruthContact['type'], how: DemoTruthContact['how'], value: string): DemoTruthContact => ({ domain: site.domain, pageUrl: `http://${site.host}${path}`, type, value, how });
  const contacts: DemoTruthContact[] = [
    c(gizmo!, CONTACT_PATH, 'email', 'mailto', 'editor@gizmoguide.test'),
    c(tinker!, CONTACT_PATH, 'email', 'obfuscated', 'tips@tinkertools-digest.test'),
    c(tinker!, CONTACT_PATH, 'email', 'obfuscated', 'ads@tinkertools-digest.test'),
    c(tinker!, '/about/', 'social', 'profile', 'https://x.com/tinkertools'),
    c(tinker!, '/about/', 'social', 'profile', 'https://www.linkedin.com/company/tinker-tools-digest'),
    c(tinker!, '/about/', 'social', 'profile', 'https://www.facebook.com/tinkertoolsdigest'),
    c(homeshop!, '/about/', 'email', 'text', 'hello@homeshop-review.test'),
  ];
  for (const site of [gizmo!, tinker!, homeshop!]) {
    for (const path of [CONTACT_PATH, '/about/']) if (draft.pages.has(`http://${site.host}${path}`)) contacts.push(c(site, path, 'page', 'page', `http://${site.host}${path}`));
  }
  // NOTE: every planted contact sits on a page a polite crawl fetches.
  const crawlable = new Set(truth.pages.filter((p) => p.crawlable).map((p) => p.url));
  return contacts.filter((x) => crawlable.has(x.pageUrl));
}
