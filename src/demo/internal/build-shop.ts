/**
 * Shop sites (the target and its competitors): home, categories, products, info pages, and on
 * the target its special URLs (variants with a canonical tag, print pages with a Link header, a
 * meta refresh, a 302 chain, deleted products, pages robots.txt disallows).
 */
import { applyChrome, type BuildCtx } from './build-chrome.js';
import { bodyWithLinks, pageList } from './build-content.js';
import { a, h, newPage, p, type PageModel } from './model.js';
import type { SitePlan } from './plan-web.js';
import { rngFor } from './prng.js';
import type { Skeleton, SkeletonPage } from './skeleton.js';
import { paragraph } from './text.js';
import { addPage, addSpecial, type WebDraft } from './web-draft.js';

function shopMain(page: PageModel, pg: SkeletonPage, skeleton: Skeleton, ctx: BuildCtx, isTarget: boolean): void {
  const rng = rngFor(ctx.seed, `page:${page.url}`);
  const main = page.sections.main;
  const products = skeleton.deep;
  const categories = skeleton.pages.filter((x) => x.kind === 'category');
  main.push(h(1, pg.title));
  switch (pg.kind) {
    case 'home':
      main.push(p(paragraph(rng, 'shop', 2)), h(2, 'Shop by category'), pageList(categories, '/', (c) => `Browse ${c.title.toLowerCase()}`), h(2, 'Featured'), pageList(products.slice(0, 6), '/'));
      if (isTarget) main.push(p(a('/search?q=widgets&sort=price', 'Search all widgets'), ' or ', a('/go/newsletter', 'join the newsletter'), '.'));
      break;
    case 'category':
      main.push(p(paragraph(rng, 'shop', 1)), pageList(products.filter((x) => x.parent === pg.path), pg.path));
      break;
    case 'product': {
      main.push(p(paragraph(rng, 'shop', 3)), p(`Price: ${rng.int(5, 120)}.${rng.int(10, 99)}`));
      if (isTarget) {
        const variants = ctx.specials.variants.filter((v) => v.canonical === page.url);
        if (variants.length > 0) main.push(p('Colours: ', ...variants.flatMap((v, i) => [i > 0 ? ', ' : '', a(v.url.slice(v.url.indexOf('?')), v.url.slice(v.url.indexOf('=') + 1))])));
        if (ctx.specials.print.some((x) => x.canonical === page.url)) main.push(p(a(`${pg.path}/print`, 'Printable version')));
      }
      const i = products.indexOf(pg);
      main.push(h(3, 'You may also like'), pageList([1, 2, 3].map((k) => products[(i + k) % products.length] as SkeletonPage), pg.path));
      if (pg.parent !== undefined) main.push(p(a(pg.parent, `More ${(skeleton.byPath.get(pg.parent)?.title ?? 'products').toLowerCase()}`)));
      break;
    }
    default:
      main.push(...bodyWithLinks(rng, 'shop', ctx.links.main.get(page.url) ?? [], 2));
  }
}

/** Build every page of a shop site into the draft. */
export function buildShop(draft: WebDraft, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx): void {
  const isTarget = plan === ctx.web.target;
  for (const pg of skeleton.pages) {
    const page = newPage(plan.site, pg.path, pg.kind, pg.title, 'shop');
    if (plan.site.role === 'competitor' && pg.kind === 'home') page.contentType = 'text/html';
    applyChrome(page, plan, skeleton, ctx);
    shopMain(page, pg, skeleton, ctx, isTarget);
    addPage(draft, page);
  }
  if (isTarget) buildTargetSpecials(draft, plan, skeleton, ctx);
}

function buildTargetSpecials(draft: WebDraft, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx): void {
  const sp = ctx.specials;
  const pathOf = (url: string): string => url.slice(url.indexOf('/', 8));
  for (const v of sp.variants) {
    const base = skeleton.byPath.get(pathOf(v.canonical)) as SkeletonPage;
    const page = newPage(plan.site, pathOf(v.url), 'product', `${base.title} (${v.url.slice(v.url.indexOf('=') + 1)})`, 'shop');
    page.canonical = pathOf(v.canonical);
    page.flags.push('canonical-variant');
    applyChrome(page, plan, skeleton, ctx);
    page.sections.main.push(h(1, page.title), p('This colour ships in three days. ', a(pathOf(v.canonical), 'See all colours')));
    addPage(draft, page);
  }
  for (const pr of sp.print) {
    const page = newPage(plan.site, pathOf(pr.url), 'utility', 'Print', 'shop');
    page.headers.link = `<${pr.canonical}>; rel="canonical"`;
    page.flags.push('link-header');
    page.sections.main.push(h(1, 'Printable product sheet'), p(paragraph(rngFor(ctx.seed, pr.url), 'shop', 2)));
    addPage(draft, page);
  }
  const refresh = newPage(plan.site, pathOf(sp.metaRefresh.url), 'utility', 'Redirecting', 'shop');
  refresh.metaRefresh = { seconds: 0, href: pathOf(sp.metaRefresh.to) };
  refresh.flags.push('meta-refresh');
  refresh.sections.main.push(p('Taking you to the newsletter. ', a(pathOf(sp.metaRefresh.to), 'Continue')));
  addPage(draft, refresh);

  addSpecial(draft, { url: sp.chain[0], status: 302, location: pathOf(sp.chain[1]), flags: ['redirect-chain'] });
  addSpecial(draft, { url: sp.chain[1], status: 302, location: sp.chain[2], flags: ['redirect-chain'] });
  for (const url of sp.deleted404) addSpecial(draft, { url, status: 404, flags: ['deleted'] });
  for (const url of sp.deleted410) addSpecial(draft, { url, status: 410, flags: ['deleted'] });
  for (const url of sp.disallowed) {
    const page = newPage(plan.site, pathOf(url), 'utility', url.includes('search') ? 'Search results' : url.includes('cart') ? 'Your cart' : 'Sign in', 'shop');
    applyChrome(page, plan, skeleton, ctx);
    page.sections.main.push(h(1, page.title), p('Nothing to show yet. ', a('/', 'Continue shopping')));
    addPage(draft, page);
  }
}
