/**
 * Planted prospects: three niche blogs (NICHE_SITES) that link to competitors and not to the
 * target, a dead link to a removed competitor page, an unlinked mention of the brand, a resource
 * page, contact pages with plain, obfuscated and decoy addresses, a competitor link lost on day 2
 * while its page stays, and a "won" site that links to the target from day 2 on.
 */
import { a, h, newPage, p, raw, ul, unlink, type Block, type Inline, type PageModel } from './model.js';
import type { BuildCtx } from './build-chrome.js';
import type { LinkPlan, OutLink } from './plan-outlinks.js';
import type { SitePlan, WebPlan } from './plan-web.js';
import type { Skeleton, SkeletonPage } from './skeleton.js';
import type { DemoTruthPageChange } from '../types.js';
import { addPage, addSpecial, type WebDraft } from './web-draft.js';

/** The removed competitor page the broken-link prospect still links to (404 on both days). */
export const DEAD_COMPETITOR_PATH = '/guides/widget-care-2016';
export const RESOURCE_PATH = '/resources/useful-links';
export const CONTACT_PATH = '/contact-us';
/** The sentence of the unlinked brand mention; day 2 turns "Acme Shop" into a link. */
const MENTION = ['Last week I compared prices at ', 'Acme Shop', ' and two other stores before buying.'] as const;
const MENTION_CLASS = 'mention';

const urlOf = (s: Skeleton, pg: SkeletonPage): string => `http://${s.host}${pg.path}`;

function push(plan: LinkPlan, url: string, link: OutLink): void {
  const list = plan.main.get(url);
  if (list) list.push(link);
  else plan.main.set(url, [link]);
}

function nicheOf(web: WebPlan, skeletons: Map<string, Skeleton>): [Skeleton, Skeleton, Skeleton] {
  return web.niche.map((n) => skeletons.get(n.site.host) as Skeleton) as [Skeleton, Skeleton, Skeleton];
}

/** The contextual links of the niche blogs: competitors only, and the dead competitor URL. */
export function planProspectLinks(plan: LinkPlan, web: WebPlan, skeletons: Map<string, Skeleton>): void {
  const [gizmo, tinker, homeshop] = nicheOf(web, skeletons);
  const comp = web.competitors.map((c) => skeletons.get(c.site.host) as Skeleton);
  const [c0, c1, c2] = comp as [Skeleton, Skeleton, Skeleton];
  push(plan, urlOf(gizmo, gizmo.deep[0] as SkeletonPage), { href: urlOf(c0, c0.deep[0] as SkeletonPage), text: (c0.deep[0] as SkeletonPage).title, purpose: 'shop' });
  push(plan, urlOf(gizmo, gizmo.deep[1] as SkeletonPage), { href: `http://${c1.host}/`, text: c1.plan.site.name, purpose: 'shop' });
  push(plan, urlOf(tinker, tinker.deep[0] as SkeletonPage), { href: `http://${c2.host}/`, text: c2.plan.site.name, purpose: 'shop' });
  push(plan, urlOf(tinker, tinker.deep[1] as SkeletonPage), { href: `http://${c0.host}${DEAD_COMPETITOR_PATH}`, text: 'widget care guide', purpose: 'cite' });
  push(plan, urlOf(homeshop, homeshop.deep[0] as SkeletonPage), { href: urlOf(c1, c1.deep[0] as SkeletonPage), text: `${c1.plan.site.name} catalogue`, purpose: 'shop' });
}

function page(draft: WebDraft, url: string): PageModel {
  return draft.pages.get(url) as PageModel;
}

function contactPage(plan: SitePlan, blocks: Block[]): PageModel {
  const pg = newPage(plan.site, CONTACT_PATH, 'info', `Contact ${plan.site.name}`, plan.skin);
  pg.sections.header.push({ tag: 'div', className: 'brand', inlines: [a('/', plan.site.name)] });
  pg.sections.main.push(h(1, `Contact ${plan.site.name}`), ...blocks);
  pg.sections.footer.push(p(`© ${plan.site.name}. All rights reserved.`));
  return pg;
}

/** Extra pages and text on the niche blogs, after every site is built (day 1, and kept on day 2). */
export function addProspectPages(draft: WebDraft, ctx: BuildCtx): void {
  const web = ctx.web;
  const [gizmo, tinker, homeshop] = nicheOf(web, ctx.skeletons);
  const [gizmoPlan, tinkerPlan, homeshopPlan] = web.niche as [SitePlan, SitePlan, SitePlan];
  const comp = web.competitors.map((c) => ctx.skeletons.get(c.site.host) as Skeleton);

  // Every planted page is reachable from its home page.
  for (const s of [gizmo, tinker, homeshop]) {
    const links: Inline[] = [a(CONTACT_PATH, 'Contact us')];
    if (s === gizmo) links.push(' · ', a(RESOURCE_PATH, 'Useful links'));
    page(draft, `http://${s.host}/`).sections.main.push(p(...links));
  }

  // The dead competitor page: removed, answering 404.
  addSpecial(draft, { url: `http://${(comp[0] as Skeleton).host}${DEAD_COMPETITOR_PATH}`, status: 404, flags: ['deleted'] });

  // A resource page with many outbound links to sites of the niche, none to the target.
  const resource = newPage(gizmoPlan.site, RESOURCE_PATH, 'info', 'Useful links and resources', gizmoPlan.skin);
  resource.sections.header.push({ tag: 'div', className: 'brand', inlines: [a('/', gizmoPlan.site.name)] });
  const outbound: [string, string][] = [
    ...comp.map((c): [string, string] => [`http://${c.host}/`, c.plan.site.name]),
    ...[web.news, web.uni, web.gov].map((hub): [string, string] => [`http://${hub.site.host}/`, hub.site.name]),
    [`http://${tinker.host}/`, tinkerPlan.site.name],
    [`http://${homeshop.host}/`, homeshopPlan.site.name],
  ];
  const forum = web.plans.find((x) => x.site.role === 'forum' && !x.traits.has('robots-403'));
  if (forum) outbound.push([`http://${forum.site.host}/`, forum.site.name]);
  resource.sections.main.push(h(1, 'Useful links and resources'), p('Shops, guides and references we trust for widgets and gadgets.'), ul(outbound.map(([href, text]) => [a(href, text)])));
  resource.flags.push('resource-page');
  addPage(draft, resource);

  // Contact pages: a mailto and the decoys (an address inside a script, an image file name).
  addPage(
    draft,
    contactPage(gizmoPlan, [
      p('Write to the editor at ', raw('<a href="mailto:Editor@gizmoguide.test?subject=Hello">Editor@gizmoguide.test</a>'), '.'),
      p(raw('<img src="/static/logo@2x.png" alt="">'), 'Press kit: logo@2x.png and banner@3x.jpg.'),
      { tag: 'div', inlines: [raw('<script>window.tracker = { account: "pixel@tracking-vendor.test" };</script>')] },
    ]),
  );
  // Obfuscated addresses, and social profiles on the about page.
  addPage(draft, contactPage(tinkerPlan, [p('Story tips: tips [at] tinkertools-digest [dot] test'), p('Advertising: ads(at)tinkertools-digest.test')]));
  page(draft, `http://${tinker.host}/about/`).sections.main.push(
    p(
      'Follow us on ',
      a('https://x.com/tinkertools', 'X'),
      ', ',
      a('https://www.linkedin.com/company/tinker-tools-digest', 'LinkedIn'),
      ' and ',
      a('https://www.facebook.com/tinkertoolsdigest', 'Facebook'),
      '.',
    ),
  );
  // A plain address in the text of the about page.
  addPage(draft, contactPage(homeshopPlan, [p('We read every message, usually within a week.')]));
  page(draft, `http://${homeshop.host}/about/`).sections.main.push(p('Reach the team at hello@homeshop-review.test.'));

  // The unlinked brand mention.
  const mentionPage = page(draft, urlOf(homeshop, homeshop.deep[0] as SkeletonPage));
  mentionPage.sections.main.push({ tag: 'p', className: MENTION_CLASS, inlines: [...MENTION] });
}

/**
 * Day 2: the gizmo guide drops its link to a competitor product (the page stays), and the
 * homeshop review links its brand mention to the target (the planted "won" prospect).
 */
export function prospectsDayTwo(draft: WebDraft, ctx: BuildCtx, changes: DemoTruthPageChange[]): void {
  const web = ctx.web;
  const [gizmo, , homeshop] = nicheOf(web, ctx.skeletons);
  const c0 = ctx.skeletons.get((web.competitors[0] as SitePlan).site.host) as Skeleton;
  const lostFrom = page(draft, urlOf(gizmo, gizmo.deep[0] as SkeletonPage));
  const lostHref = urlOf(c0, c0.deep[0] as SkeletonPage);
  if (unlink(lostFrom, (l) => l.href === lostHref)) changes.push({ url: lostFrom.url, change: 'link-removed' });
  const wonPage = page(draft, urlOf(homeshop, homeshop.deep[0] as SkeletonPage));
  const mention = wonPage.sections.main.find((b) => b.className === MENTION_CLASS) as Block;
  mention.inlines = [MENTION[0], a(ctx.specials.home, MENTION[1]), MENTION[2]];
  changes.push({ url: wonPage.url, change: 'links-added' });
}
