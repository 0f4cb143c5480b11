/**
 * Day 2: the same web a while later. Some backlinks to the target are lost (link removed, page
 * deleted with 404 or 410, link made nofollow or sponsored, page now redirects, page now noindex)
 * and some are new (fresh articles on blogs, a new PBN site, more farm and forum spam).
 */
import { tryCanonicalizeUrl } from '../../core/canonicalize-url.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import type { DemoTruthPageChange } from '../types.js';
import { applyChrome, toLink, type BuildCtx } from './build-chrome.js';
import { pbnPartnerBlock } from './build-community.js';
import { articleSiteMain } from './build-content.js';
import { buildSite } from './build-web.js';
import { relFlags } from './compute-truth.js';
import { a, linksOf, newPage, p, unlink, type LinkItem, type PageModel } from './model.js';
import { KEYWORDS, type SitePlan } from './plan-web.js';
import { prospectsDayTwo } from './plant-prospects.js';
import { rngFor } from './prng.js';
import { baseOf } from './sanitize-page.js';
import type { Skeleton } from './skeleton.js';
import { headline, slugify } from './text.js';
import { addPage, addSpecial, type WebDraft } from './web-draft.js';

function targetLinks(page: PageModel, targetDomain: string): LinkItem[] {
  const base = baseOf(page);
  const out: LinkItem[] = [];
  for (const { link, ancestorHidden } of linksOf(page.sections.main)) {
    const dst = tryCanonicalizeUrl(link.href, base);
    const rel = relFlags(link.rel);
    const followed = !rel.nofollow && !rel.ugc && !rel.sponsored;
    if (dst !== null && followed && !ancestorHidden && link.style === undefined && registrableDomain(new URL(dst).hostname) === targetDomain) out.push(link);
  }
  return out;
}

/** Pages whose loss orphans nothing: every link on them points at a 200 page. */
function safeToLose(page: PageModel, draft: WebDraft): boolean {
  const base = baseOf(page);
  for (const { link } of linksOf(page.sections.main)) {
    const dst = tryCanonicalizeUrl(link.href, base);
    if (dst !== null && dst.startsWith('http://') && new URL(dst).hostname.endsWith('.test') && !draft.pages.has(dst)) return false;
  }
  return page.flags.every((f) => f === 'comments') && page.metaRobots === undefined;
}

/** Apply the day-2 changes to the day-1 draft; returns what changed, page by page. */
export function applyDayTwo(draft: WebDraft, ctx: BuildCtx): DemoTruthPageChange[] {
  const rng = rngFor(ctx.seed, 'day2');
  const web = ctx.web;
  const targetDomain = web.target.site.domain;
  const changes: DemoTruthPageChange[] = [];
  const isPlain = (pg: PageModel, roles: readonly string[]): boolean =>
    pg.kind === (pg.site.role === 'forum' ? 'thread' : 'article') && roles.includes(pg.site.role) && pg.site.class === 'legit' && pg.site.robots !== 'error-500' && pg.site.delayMs === 0;
  const candidates = rng.shuffle([...draft.pages.values()].filter((pg) => isPlain(pg, ['blog', 'hub']) && targetLinks(pg, targetDomain).length > 0 && safeToLose(pg, draft)));
  const forumCandidates = [...draft.pages.values()].filter((pg) => isPlain(pg, ['forum']) && targetLinks(pg, targetDomain).length > 0 && safeToLose(pg, draft) && pg.headers['x-robots-tag'] === undefined);
  const take = (): PageModel => {
    const pg = candidates.shift();
    if (pg === undefined) throw new Error(`demo web: too few pages linking to the target for day 2 (seed ${ctx.seed})`);
    return pg;
  };

  const removedFrom = take();
  unlink(removedFrom, (l) => l === targetLinks(removedFrom, targetDomain)[0]);
  changes.push({ url: removedFrom.url, change: 'link-removed' });

  const gone = take();
  draft.pages.delete(gone.url);
  addSpecial(draft, { url: gone.url, status: 404, flags: ['deleted'] });
  changes.push({ url: gone.url, change: 'deleted-404' });

  const gone410 = forumCandidates[0] ?? take();
  draft.pages.delete(gone410.url);
  addSpecial(draft, { url: gone410.url, status: 410, flags: ['deleted'] });
  changes.push({ url: gone410.url, change: 'deleted-410' });

  const moved = take();
  draft.pages.delete(moved.url);
  addSpecial(draft, { url: moved.url, status: 301, location: `http://${moved.host}/`, flags: ['moved'] });
  changes.push({ url: moved.url, change: 'redirects' });

  const hidden = take();
  hidden.metaRobots = 'noindex';
  hidden.flags.push('noindex');
  changes.push({ url: hidden.url, change: 'noindex' });

  const nofollowed = take();
  (targetLinks(nofollowed, targetDomain)[0] as LinkItem).rel = 'nofollow';
  changes.push({ url: nofollowed.url, change: 'now-nofollow' });

  const unmarked = [...draft.pages.values()].find((pg) => pg.flags.includes('unmarked-paid') && targetLinks(pg, targetDomain).length > 0);
  if (unmarked) {
    (targetLinks(unmarked, targetDomain)[0] as LinkItem).rel = 'sponsored';
    changes.push({ url: unmarked.url, change: 'now-nofollow' });
  }

  addNewArticles(draft, ctx, changes, targetDomain);
  addSpam(draft, ctx, changes);
  prospectsDayTwo(draft, ctx, changes);
  return changes;
}

function addNewArticles(draft: WebDraft, ctx: BuildCtx, changes: DemoTruthPageChange[], targetDomain: string): void {
  const rng = rngFor(ctx.seed, 'day2:articles');
  const blogs = ctx.web.plans.filter((p) => p.site.role === 'blog' && p.site.robots !== 'error-500' && p.site.delayMs === 0 && !p.traits.has('platform') && !p.traits.has('niche'));
  const linksTarget = (plan: SitePlan): boolean => [...draft.pages.values()].some((pg) => pg.host === plan.site.host && targetLinks(pg, targetDomain).length > 0);
  const fresh = blogs.filter((p) => !linksTarget(p));
  const already = blogs.filter(linksTarget);
  const chosen = [...fresh.slice(0, 2), ...already.slice(0, 1)];
  for (const plan of chosen) {
    const skeleton = ctx.skeletons.get(plan.site.host) as Skeleton;
    const title = headline(rng, plan.topic);
    const path = `/2025/spring/${slugify(title)}/`;
    const page = newPage(plan.site, path, 'article', title, plan.skin);
    page.flags.push('day2-added');
    ctx.links.main.set(page.url, [{ href: ctx.specials.home, text: rng.pick(['Acme Shop', 'acme-shop.test', 'this widget shop']), purpose: 'shop' }]);
    applyChrome(page, plan, skeleton, ctx);
    articleSiteMain(page, { path, kind: 'article', title }, plan, skeleton, ctx, rng);
    addPage(draft, page);
    const home = draft.pages.get(`http://${plan.site.host}/`);
    home?.sections.main.splice(1, 0, p('New: ', a(path, title)));
    changes.push({ url: page.url, change: 'added' });
  }
}

function addSpam(draft: WebDraft, ctx: BuildCtx, changes: DemoTruthPageChange[]): void {
  const rng = rngFor(ctx.seed, 'day2:spam');
  const web = ctx.web;
  const newPbn = web.day2Pbn;
  const allPbn = web.plans.filter((p) => p.site.role === 'pbn');
  buildSite(draft, newPbn, ctx, allPbn);
  for (const pg of draft.pages.values()) {
    if (pg.host === newPbn.site.host) {
      pg.flags.push('day2-added');
      changes.push({ url: pg.url, change: 'added' });
    } else if (pg.site.role === 'pbn') {
      pbnPartnerBlock(pg)?.inlines?.splice(0, 0, toLink({ href: `http://${newPbn.site.host}/`, text: newPbn.site.name, purpose: 'friend' }), ' | ');
    }
  }
  const target = ctx.skeletons.get(web.target.site.host) as Skeleton;
  const farmPage = [...draft.pages.values()].find((pg) => pg.kind === 'listing');
  if (farmPage) {
    const items = rng.sample(target.deep, 5).map((x, i) => [a(`http://${target.host}${x.path}`, `${KEYWORDS[i % KEYWORDS.length] as string} ${i + 1}`)]);
    farmPage.sections.body.push({ tag: 'ul', children: items.map((inlines) => ({ tag: 'li', inlines })) });
    changes.push({ url: farmPage.url, change: 'links-added' });
  }
  const thread = [...draft.pages.values()].find((pg) => pg.kind === 'thread' && pg.headers['x-robots-tag'] === undefined && pg.site.robots !== 'forbidden-403');
  if (thread) {
    const product = rng.pick(target.deep);
    thread.sections.main.push({ tag: 'div', className: 'post', attrs: 'id="p99"', children: [{ tag: 'p', className: 'who', inlines: ['deals4u'] }, { tag: 'div', className: 'msg', inlines: ['Best prices here: ', a(`http://${target.host}${product.path}`, 'buy cheap widgets', { rel: 'ugc' })] }] });
    changes.push({ url: thread.url, change: 'links-added' });
  }
}
