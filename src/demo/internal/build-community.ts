/**
 * Forums (ugc links in posts, nofollow signatures), the link farm (pages with very many
 * outlinks, interlinked, with hidden keyword blocks) and the PBN (one template, one analytics id,
 * exact-match anchors to the target, sitewide partner links).
 */
import { applyChrome, toLink, type BuildCtx } from './build-chrome.js';
import { articleSiteMain, pageList } from './build-content.js';
import { a, h, newPage, p, ul, type Block, type Inline } from './model.js';
import { KEYWORDS, type SitePlan } from './plan-web.js';
import { rngFor } from './prng.js';
import type { Skeleton } from './skeleton.js';
import { paragraph, sentence } from './text.js';
import { addPage, type WebDraft } from './web-draft.js';

const UGC_RELS = ['ugc', 'nofollow ugc', 'NoFollow, UGC', 'ugc noopener'];
const USERS = ['widgetfan88', 'gearhead', 'sparkplug', 'mossy', 'n00b_builder', 'oldtimer', 'fixer_fran', 'quietcoder'];

/** Build every page of a forum. */
export function buildForum(draft: WebDraft, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx, xRobotsNofollow: boolean): void {
  const threads = skeleton.deep;
  for (const pg of skeleton.pages) {
    const page = newPage(plan.site, pg.path, pg.kind, pg.title, 'forum');
    const rng = rngFor(ctx.seed, `page:${page.url}`);
    applyChrome(page, plan, skeleton, ctx);
    const main = page.sections.main;
    main.push(h(1, pg.title));
    if (pg.kind === 'home') {
      main.push(p('Welcome! Read the rules before posting.'), h(2, 'Boards'), pageList(skeleton.pages.filter((x) => x.kind === 'board'), '/'), h(2, 'Recent threads'), pageList(threads.slice(0, 10), '/'));
    } else if (pg.kind === 'board') {
      main.push(pageList(threads.filter((x) => x.parent === pg.path), pg.path));
    } else {
      const outlinks = ctx.links.main.get(page.url) ?? [];
      const posts = Math.max(2, outlinks.length + 1);
      for (let i = 0; i < posts; i++) {
        const o = i > 0 ? outlinks[i - 1] : undefined;
        const msg: Inline[] = [paragraph(rng, plan.topic, 2)];
        if (o) msg.push(' Have a look: ', toLink({ ...o, rel: o.rel ?? (UGC_RELS[(i + threads.indexOf(pg)) % UGC_RELS.length] as string) }), ' ', sentence(rng, plan.topic));
        const children: Block[] = [{ tag: 'p', className: 'who', inlines: [rng.pick(USERS)] }, { tag: 'div', className: 'msg', inlines: msg }];
        if (rng.chance(0.15)) children.push({ tag: 'p', className: 'sig', inlines: ['-- ', a(`http://${plan.site.host}/`, `${plan.site.name} member`, { rel: 'nofollow' })] });
        main.push({ tag: 'div', className: 'post', attrs: `id="p${i + 1}"`, children });
      }
      if (xRobotsNofollow && threads.indexOf(pg) === 1) {
        page.headers['x-robots-tag'] = 'nofollow';
        page.flags.push('x-robots-nofollow');
      }
    }
    addPage(draft, page);
  }
}

/** Build every page of one link-farm site; `farms` are all farm sites (they interlink). */
export function buildFarm(draft: WebDraft, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx, farms: readonly Skeleton[]): void {
  const target = ctx.skeletons.get(ctx.web.target.site.host) as Skeleton;
  const others = [...ctx.skeletons.values()].filter((s) => s.plan.site.role !== 'farm' && s.plan.site.role !== 'pbn' && s.plan.site.sinceDay === 1);
  const farmPages = farms.flatMap((s) => s.pages.map((pg) => ({ url: `http://${s.host}${pg.path}`, title: pg.title })));
  for (const pg of skeleton.pages) {
    const page = newPage(plan.site, pg.path, pg.kind, pg.title, 'farm');
    page.contentType = 'text/html';
    const rng = rngFor(ctx.seed, `page:${page.url}`);
    page.sections.body.push({ tag: 'div', className: 'top', inlines: [a('/', plan.site.name), ' | ', a('/submit.html', 'Submit your site')] }, h(1, pg.title));
    if (pg.kind === 'home') {
      page.sections.body.push({ tag: 'div', className: 'box', children: [pageList(skeleton.pages.filter((x) => x.kind === 'listing'), '/')] });
    } else if (pg.kind === 'listing') {
      page.flags.push('link-farm', 'hidden-links');
      const items: Inline[][] = [];
      const count = rng.int(60, 110);
      for (let i = 0; i < count; i++) {
        const roll = rng.next();
        if (roll < 0.6) {
          const f = rng.pick(farmPages);
          items.push([a(f.url, rng.chance(0.5) ? f.title : rng.pick(KEYWORDS))]);
        } else if (roll < 0.85) {
          const s = rng.pick(others);
          items.push([a(`http://${s.host}/`, s.plan.site.name)]);
        } else {
          const product = rng.pick(target.deep);
          items.push([a(`http://${target.host}${product.path}`, rng.pick(KEYWORDS))]);
        }
      }
      page.sections.body.push({ tag: 'div', className: 'box', children: [ul(items)] });
      const hidden = rng.sample(target.deep, 3).map((x, i): Inline[] => [a(`http://${target.host}${x.path}`, KEYWORDS[i] as string)]);
      page.sections.body.push({ tag: 'div', style: 'display:none', children: [ul(hidden)] });
    } else {
      page.sections.body.push({ tag: 'div', className: 'box', inlines: ['Submit your link for instant ranking. ', { t: 'raw', html: '<form action="/submit.html" method="post"><input name="url"><button>Send</button></form>' }] });
    }
    addPage(draft, page);
  }
}

/** Build every page of one PBN site; `partners` are the other PBN sites it links sitewide. */
export function buildPbn(draft: WebDraft, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx, partners: readonly SitePlan[]): void {
  const rng = rngFor(ctx.seed, `pbn:${plan.site.host}`);
  const target = ctx.skeletons.get(ctx.web.target.site.host) as Skeleton;
  const posts = skeleton.deep;
  posts.forEach((pg, i) => {
    const url = `http://${plan.site.host}${pg.path}`;
    const list = ctx.links.main.get(url) ?? [];
    const product = i === 0 ? undefined : rng.pick(target.deep);
    list.push({ href: product ? `http://${target.host}${product.path}` : ctx.specials.home, text: KEYWORDS[i % KEYWORDS.length] as string, purpose: 'paid' });
    const peer = rng.pick(partners.filter((x) => x !== plan));
    const peerSkeleton = ctx.skeletons.get(peer.site.host);
    if (peerSkeleton && rng.chance(0.5)) {
      const peerPost = rng.pick(peerSkeleton.deep);
      list.push({ href: `http://${peer.site.host}${peerPost.path}`, text: peerPost.title, purpose: 'friend' });
    }
    if (i === 1) list.push({ href: ctx.specials.home, text: 'widgets for sale', purpose: 'spam', style: 'visibility:hidden' });
    ctx.links.main.set(url, list);
  });
  const footer = partners.filter((x) => x !== plan).map((x) => ({ href: `http://${x.site.host}/`, text: x.site.name, purpose: 'friend' as const }));
  footer.push({ href: ctx.specials.home, text: 'cheap widgets', purpose: 'friend' });
  ctx.links.footer.set(plan.site.host, footer);
  for (const pg of skeleton.pages) {
    const page = newPage(plan.site, pg.path, pg.kind, pg.title, 'pbn');
    applyChrome(page, plan, skeleton, ctx);
    articleSiteMain(page, pg, plan, skeleton, ctx, rngFor(ctx.seed, `page:${page.url}`));
    page.flags.push('pbn-post', 'sitewide-footer');
    addPage(draft, page);
  }
}

/** The footer block a PBN page lists its partners in (day 2 appends the new site to it). */
export function pbnPartnerBlock(page: { sections: { footer: Block[] } }): Block | undefined {
  return page.sections.footer.find((b) => b.tag === 'p' && (b.inlines ?? []).some((x) => typeof x !== 'string' && x.t === 'a' && x.text === 'cheap widgets'));
}
