/**
 * Article sites (blogs, hubs, paid sites, the target's blog) and the page-level features some of
 * them carry: a windows-1252 page, a base href, meta robots, WordPress reply-form pages.
 */
import { applyChrome, type BuildCtx } from './build-chrome.js';
import { articleSiteMain, replyPaths } from './build-content.js';
import { a, h, newPage, p, type PageModel } from './model.js';
import type { SitePlan } from './plan-web.js';
import { rngFor } from './prng.js';
import type { Skeleton } from './skeleton.js';
import { addPage, type WebDraft } from './web-draft.js';

function applyFeatures(page: PageModel, plan: SitePlan, ctx: BuildCtx): void {
  const isFeature = ctx.links.featurePage.get(plan.site.host) === page.url;
  if (isFeature && plan.traits.has('cp1252')) {
    page.charset = 'windows-1252';
    page.contentType = 'text/html';
    page.lang = 'fr';
    page.title = 'Les widgets d’Acme – mon avis';
    page.flags.push('non-utf8');
  }
  if (isFeature && plan.traits.has('base-href')) {
    page.base = `http://${plan.site.host}/notes/2020/`;
    page.flags.push('base-href');
  }
  if (isFeature && plan.site.role === 'blog' && plan.traits.has('meta-nofollow')) {
    page.metaRobots = 'nofollow';
    page.flags.push('meta-nofollow');
  }
  if (plan.traits.has('footer-target')) page.flags.push('sitewide-footer');
  if (plan.traits.has('hidden-link') && page.kind === 'article' && plan.site.role === 'blog') {
    const first = ctx.skeletons.get(plan.site.host)?.deep[0];
    if (first && page.path === first.path) page.flags.push('hidden-links');
  }
  if (plan.site.hubType === 'news' && page.path === '/tag/widgets') {
    page.metaRobots = 'noindex';
    page.flags.push('noindex');
  }
}

/** Build every page of an article site into the draft. */
export function buildArticleSite(draft: WebDraft, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx): void {
  let firstPaid = true;
  for (const pg of skeleton.pages) {
    const page = newPage(plan.site, pg.path, pg.kind, pg.title, plan.skin);
    applyFeatures(page, plan, ctx);
    if (pg.parent === 'paid') {
      page.flags.push(plan.traits.has('compliant') ? 'sponsored-post' : 'unmarked-paid');
      if (firstPaid && plan.traits.has('meta-nofollow')) {
        page.metaRobots = 'index, NOFOLLOW';
        page.flags.push('meta-nofollow');
      }
      firstPaid = false;
    }
    applyChrome(page, plan, skeleton, ctx);
    articleSiteMain(page, pg, plan, skeleton, ctx, rngFor(ctx.seed, `page:${page.url}`));
    if (page.base !== undefined) page.sections.main.push(p('More ', a('../../about/', 'about this blog'), '.'));
    addPage(draft, page);
    const comments = ctx.links.comments.get(page.url);
    if (comments && plan.traits.has('wp-replies') && page.base === undefined) {
      for (const path of replyPaths(pg.path, comments)) {
        const reply = newPage(plan.site, path, 'utility', 'Leave a reply', plan.skin);
        reply.sections.main.push(h(1, 'Leave a reply'), p('You must be logged in to post a comment.'));
        reply.flags.push('reply-form');
        addPage(draft, reply);
      }
    }
  }
}
