/**
 * The parts every page of a site repeats: header (logo, account links), nav menu, aside, footer,
 * and body-level strips outside any landmark element.
 */
import { a, imgLink, p, raw, ul, type Block, type Inline, type PageModel } from './model.js';
import type { OutLink, LinkPlan } from './plan-outlinks.js';
import type { SitePlan, WebPlan } from './plan-web.js';
import type { Skeleton } from './skeleton.js';
import type { TargetSpecials } from './target-specials.js';

export interface BuildCtx {
  seed: number;
  web: WebPlan;
  skeletons: Map<string, Skeleton>;
  links: LinkPlan;
  specials: TargetSpecials;
}

/** An OutLink as a model link. */
export function toLink(o: OutLink): Inline {
  const extra: Record<string, unknown> = {};
  if (o.rel !== undefined) extra.rel = o.rel;
  if (o.style !== undefined) extra.style = o.style;
  if (o.innerHtml !== undefined) extra.innerHtml = o.innerHtml;
  if (o.attrs !== undefined) extra.attrs = o.attrs;
  return o.img ? imgLink(o.href, o.text, o.img.src, extra) : a(o.href, o.text, extra);
}

function navItems(plan: SitePlan, skeleton: Skeleton): [string, string][] {
  const pages = skeleton.pages;
  const items: [string, string][] = [['/', 'Home']];
  switch (plan.site.role) {
    case 'target':
    case 'competitor':
      if (plan.skin === 'shop') {
        for (const c of pages.filter((pg) => pg.kind === 'category').slice(0, 6)) items.push([c.path, c.title]);
        items.push(['/about', 'About us'], ['/contact', 'Contact']);
      } else {
        items.push(['http://www.acme-shop.test/', 'Shop']);
      }
      break;
    case 'forum':
      for (const b of pages.filter((pg) => pg.kind === 'board')) items.push([b.path, b.title]);
      break;
    case 'pbn':
      break;
    case 'farm':
      items.push(['/submit.html', 'Submit site']);
      break;
    default:
      for (const pg of pages.filter((x) => x.kind === 'info' || (x.kind === 'archive' && (x.path === '/archive/' || !x.path.startsWith('/archive/'))))) {
        if (!pg.path.startsWith('/tag/') && !pg.path.startsWith('/internal/')) items.push([pg.path, pg.title]);
      }
  }
  return items;
}

/** Fill header, nav, aside, footer and body strips of a page. */
export function applyChrome(page: PageModel, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx): void {
  const site = plan.site;
  const isHome = page.path === '/';
  const logo: Inline = isHome ? raw(`<img src="/static/logo.png" alt="${site.name.replace(/&/g, '&amp;')}">`) : imgLink('/', site.name, '/static/logo.png');
  const header: Inline[] = [logo];
  if (site.host === ctx.web.target.site.host) {
    header.push(' ', a('/cart', 'Cart'), ' ', a('/account/login', 'Sign in'));
  }
  page.sections.header.push({ tag: 'div', className: 'brand', inlines: header });

  const items = navItems(plan, skeleton).filter(([href]) => href !== page.path);
  if (items.length > 0) page.sections.nav.push(ul(items.map(([href, text]) => [a(href, text)])));

  const aside = ctx.links.aside.get(site.host);
  if (aside && aside.length > 0) {
    page.sections.aside.push({ tag: 'h3', inlines: ['Blogroll'] }, ul(aside.map((o) => [toLink(o)])));
  }

  const footer: Block[] = [p(`© ${site.name}. All rights reserved.`)];
  const sitewide = ctx.links.footer.get(site.host) ?? [];
  if (sitewide.length > 0) footer.push(p(...sitewide.flatMap((o, i) => (i === 0 ? [toLink(o)] : [' | ', toLink(o)]))));
  if (site.host === ctx.web.target.site.host) {
    footer.push(
      p(a('/newsletter', 'Newsletter'), ' · ', a('/shipping', 'Shipping'), ' · ', a('/returns', 'Returns'), ' · ', a(`http://${ctx.web.targetBlog.site.host}/`, 'Our blog')),
      p(a('https://social.example/acmeshop', 'Follow us', { rel: 'me noopener', attrs: 'target="_blank"' }), ' ', a('mailto:help@acme-shop.test', 'help@acme-shop.test')),
      p(imgLink(`http://${ctx.web.gov.site.host}/retailers/register`, 'Approved retailer badge', '/static/approved.png')),
      { tag: 'p', style: 'font-size:0.85em', inlines: ['Prices include VAT. ', a('/legal/terms', 'Terms')] },
    );
  }
  if (site.role === 'competitor') {
    footer.push(p(a('/shipping', 'Shipping'), ' · ', a('/returns', 'Returns')), p(a(`http://${ctx.web.gov.site.host}/retailers/register`, 'Registered with the Trade Standards Office')));
  }
  page.sections.footer.push(...footer);

  if (plan.skin === 'shop' && skeleton.byPath.has('/shipping') && page.path !== '/shipping') {
    page.sections.body.push({ tag: 'div', className: 'strip', inlines: ['Free shipping on orders over 50 — ', a('/shipping', 'details')] });
  }
  if (plan.site.hubType === 'news' && page.path === '/') page.sections.aside.push(p('Topics: ', a('/tag/widgets', 'widgets')));
  if (plan.site.hubType === 'news' && page.path !== '/about-us') {
    page.sections.body.push({ tag: 'div', className: 'cookie-note', inlines: ['We use cookies to count visits. ', a('/about-us', 'Learn more')] });
  }
}
