/**
 * Day 1 of the demo web as page models: skeletons first (so sites can link deep), then the link
 * plan, then every site's pages.
 */
import { buildArticleSite } from './build-articles.js';
import type { BuildCtx } from './build-chrome.js';
import { buildFarm, buildForum, buildPbn } from './build-community.js';
import { buildShop } from './build-shop.js';
import { planOutlinks } from './plan-outlinks.js';
import { addProspectPages, planProspectLinks } from './plant-prospects.js';
import type { SitePlan, WebPlan } from './plan-web.js';
import { buildSkeleton, type Skeleton } from './skeleton.js';
import { targetSpecials } from './target-specials.js';
import type { WebDraft } from './web-draft.js';

/** Build one site's pages into the draft. */
export function buildSite(draft: WebDraft, plan: SitePlan, ctx: BuildCtx, pbnPartners: readonly SitePlan[]): void {
  const skeleton = ctx.skeletons.get(plan.site.host);
  if (skeleton === undefined) return;
  switch (plan.site.role) {
    case 'forum': {
      const firstForum = ctx.web.plans.find((p) => p.site.role === 'forum' && !p.traits.has('robots-403'));
      buildForum(draft, plan, skeleton, ctx, plan === firstForum);
      break;
    }
    case 'farm': {
      const farms = ctx.web.plans.filter((p) => p.site.role === 'farm').map((p) => ctx.skeletons.get(p.site.host) as Skeleton);
      buildFarm(draft, plan, skeleton, ctx, farms);
      break;
    }
    case 'pbn':
      buildPbn(draft, plan, skeleton, ctx, pbnPartners);
      break;
    default:
      if (plan.skin === 'shop') buildShop(draft, plan, skeleton, ctx);
      else buildArticleSite(draft, plan, skeleton, ctx);
  }
}

/** The day-1 web as page models, with the context day 2 needs to extend it. */
export function buildDayOne(seed: number, web: WebPlan): { draft: WebDraft; ctx: BuildCtx } {
  const skeletons = new Map<string, Skeleton>();
  for (const plan of web.plans) if (plan.budget > 0) skeletons.set(plan.site.host, buildSkeleton(seed, plan));
  const specials = targetSpecials(web, skeletons.get(web.target.site.host) as Skeleton);
  const links = planOutlinks({ seed, web, skeletons, specials });
  planProspectLinks(links, web, skeletons);
  const ctx: BuildCtx = { seed, web, skeletons, links, specials };
  const draft: WebDraft = { pages: new Map(), specials: new Map() };
  const pbnDayOne = web.plans.filter((p) => p.site.role === 'pbn' && p.site.sinceDay === 1);
  for (const plan of web.plans) if (plan.site.sinceDay === 1) buildSite(draft, plan, ctx, pbnDayOne);
  addProspectPages(draft, ctx);
  return { draft, ctx };
}
