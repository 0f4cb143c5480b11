/**
 * Who links to whom: the backlink profile of the demo web. Legitimate sites link to the target
 * now and then with brand, URL, generic and partial anchors; forums and comments add ugc links;
 * paid sites add sponsored (or unmarked) links; the farm and the PBN hammer exact-match keywords.
 */
import { KEYWORDS, type SitePlan, type WebPlan } from './plan-web.js';
import { rngFor, type Rng } from './prng.js';
import type { Skeleton, SkeletonPage } from './skeleton.js';
import type { TargetSpecials } from './target-specials.js';

export type Purpose = 'shop' | 'cite' | 'friend' | 'spam' | 'paid';

export interface OutLink {
  href: string;
  text: string;
  purpose: Purpose;
  rel?: string;
  img?: { src: string };
  style?: string;
  innerHtml?: string;
  attrs?: string;
  /** Style of a span wrapped around the sentence (hidden links). */
  wrapStyle?: string;
}

export interface CommentSpec {
  id: number;
  author: string;
  authorLink?: OutLink;
  body: string;
  link?: OutLink;
}

export interface LinkPlan {
  /** Contextual links inside a page's main content, by page URL. */
  main: Map<string, OutLink[]>;
  /** Sitewide aside links, by host. */
  aside: Map<string, OutLink[]>;
  /** Sitewide footer links, by host. */
  footer: Map<string, OutLink[]>;
  comments: Map<string, CommentSpec[]>;
  /** The page of a blog that carries its page-level feature (charset, base, meta robots). */
  featurePage: Map<string, string>;
}

const COMMENTERS = ['Dana', 'Priya K.', 'Tom from Leeds', 'mgarcia', 'Olu', 'Jen', 'R. Novak', 'Sam', 'Kenji', 'Lotte', 'Ahmed', 'Bea'];
const SPAM_RELS = ['ugc', 'nofollow ugc', 'NoFollow, UGC', 'UGC'];

const urlOf = (skeleton: Skeleton, page: SkeletonPage): string => `http://${skeleton.host}${page.path}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A legitimate anchor for a link to the target: brand, URL, generic or partial match. */
function targetAnchor(rng: Rng, productTitle: string): string {
  const roll = rng.next();
  if (roll < 0.4) return rng.pick(['Acme Shop', 'Acme', 'Acme Shop online']);
  if (roll < 0.6) return rng.pick(['acme-shop.test', 'www.acme-shop.test', 'http://www.acme-shop.test/']);
  if (roll < 0.8) return rng.pick(['here', 'this shop', 'click here', 'their website']);
  return rng.pick([`Acme's ${productTitle.toLowerCase()}`, "Acme's widget range", productTitle]);
}

export interface OutlinkInput {
  seed: number;
  web: WebPlan;
  skeletons: Map<string, Skeleton>;
  specials: TargetSpecials;
}

/** Plan every cross-site link of the web (day 1 and the day-2 PBN site). */
export function planOutlinks({ seed, web, skeletons, specials }: OutlinkInput): LinkPlan {
  const plan: LinkPlan = { main: new Map(), aside: new Map(), footer: new Map(), comments: new Map(), featurePage: new Map() };
  const sk = (p: SitePlan): Skeleton => skeletons.get(p.site.host) as Skeleton;
  const target = sk(web.target);
  const products = target.deep;
  const categories = target.pages.filter((pg) => pg.kind === 'category');
  const targetDeep = (rng: Rng): { url: string; title: string } => {
    const roll = rng.next();
    if (roll < 0.3) return { url: specials.home, title: 'Acme Shop' };
    const pg = roll < 0.45 ? rng.pick(categories) : rng.pick(products);
    return { url: urlOf(target, pg), title: pg.title };
  };
  const competitors = web.competitors.map(sk);
  const hubDeep = [web.news, web.uni, web.uniSub, web.gov].flatMap((p) => sk(p).deep.map((pg) => ({ url: urlOf(sk(p), pg), title: pg.title })));
  // NOTE: the planted niche blogs get their links from plant-prospects.ts only.
  const blogs = web.plans.filter((p) => p.site.role === 'blog' && !p.traits.has('niche'));
  const regular = blogs.filter((p) => !p.traits.has('slow') && !p.traits.has('robots-500') && !p.traits.has('platform'));
  const blogDeep = blogs.flatMap((p) => sk(p).deep.map((pg) => ({ host: p.site.host, url: urlOf(sk(p), pg), title: pg.title })));

  // Required links: every special target URL is linked from a normal, crawlable legit page.
  const required: OutLink[] = [
    { href: specials.deleted404[0] as string, text: 'the 2019 classic widget', purpose: 'shop' },
    { href: specials.deleted404[1] as string, text: 'Widget Mini (first edition)', purpose: 'shop' },
    { href: specials.deleted410[0] as string, text: 'Discontinued Sprocket', purpose: 'shop' },
    { href: specials.chain[0], text: "Acme's spring sale", purpose: 'shop' },
    { href: specials.bare[0] as string, text: 'acme-shop.test', purpose: 'shop' },
    { href: specials.bare[1] as string, text: 'Acme widgets category', purpose: 'shop' },
    { href: specials.expired[1] as string, text: 'Widget Reviews 2014', purpose: 'cite' },
    { href: specials.expired[2] as string, text: 'top 10 gadgets of 2014', purpose: 'cite' },
    { href: 'http://WWW.Acme-Shop.test:80/#top', text: 'Acme Shop homepage', purpose: 'shop' },
    { href: `${urlOf(target, products[0] as SkeletonPage)}#reviews`, text: `reviews of the ${(products[0] as SkeletonPage).title}`, purpose: 'shop' },
    { href: urlOf(target, categories[0] as SkeletonPage), text: 'Acme Shop', innerHtml: '<strong>Acme</strong>\n      Shop', purpose: 'shop' },
  ];
  const requiredSources: string[] = [];
  for (const p of regular) {
    const arts = sk(p).deep;
    for (const pg of arts.slice(0, Math.max(1, arts.length - 1)).slice(0, 2)) requiredSources.push(urlOf(sk(p), pg));
  }
  const newsSk = sk(web.news);
  for (const pg of newsSk.deep.slice(0, 3)) requiredSources.push(urlOf(newsSk, pg));
  const forums = web.plans.filter((p) => p.site.role === 'forum' && !p.traits.has('robots-403'));
  const requiredRng = rngFor(seed, 'out:required');
  const sources = requiredRng.shuffle(requiredSources);
  required.forEach((link, i) => push(plan.main, sources[i % sources.length] as string, link));
  // The expired home and the chain are also discussed on a forum.
  for (const f of forums.slice(0, 1)) {
    const threads = sk(f).deep;
    push(plan.main, urlOf(sk(f), threads[0] as SkeletonPage), { href: specials.expired[0] as string, text: 'the old widget review site', purpose: 'friend' });
  }

  // The target's own blog links into the shop, once to a product that no longer exists.
  const targetBlog = sk(web.targetBlog);
  const tbRng = rngFor(seed, `out:${targetBlog.host}`);
  targetBlog.deep.forEach((pg, i) => {
    const product = tbRng.pick(products);
    push(plan.main, urlOf(targetBlog, pg), { href: urlOf(target, product), text: product.title, purpose: 'shop' });
    if (i === 0) push(plan.main, urlOf(targetBlog, pg), { href: specials.deleted404[2] as string, text: 'last year’s Gadget Pro', purpose: 'shop' });
  });

  // Blogs.
  for (const p of blogs) {
    const rng = rngFor(seed, `out:${p.site.host}`);
    const s = sk(p);
    const arts = s.deep;
    const feature = arts[arts.length - 1] as SkeletonPage;
    plan.featurePage.set(p.site.host, urlOf(s, feature));
    const forced = ['footer-target', 'cp1252', 'meta-nofollow', 'slow', 'robots-500', 'platform'] as const;
    const linksTarget = forced.some((t) => p.traits.has(t)) || rng.chance(0.6);
    if (linksTarget) {
      // NOTE: platform blogs always link the target from a few articles: day 2 needs pages to change.
      for (const pg of rng.sample(arts, p.traits.has('platform') ? 3 : rng.int(1, 2))) {
        const t = targetDeep(rng);
        push(plan.main, urlOf(s, pg), { href: t.url, text: targetAnchor(rng, t.title), purpose: 'shop', ...(rng.chance(0.3) ? { attrs: 'target="_blank"', rel: 'noopener' } : {}) });
      }
      if (rng.chance(0.3)) push(plan.main, urlOf(s, rng.pick(arts)), { href: specials.home, text: 'Acme Shop logo', img: { src: 'http://www.acme-shop.test/static/logo.png' }, purpose: 'shop' });
    }
    for (const c of competitors) {
      if (!rng.chance(0.35)) continue;
      const pg = rng.pick(c.deep);
      push(plan.main, urlOf(s, rng.pick(arts)), { href: urlOf(c, pg), text: rng.chance(0.5) ? c.plan.site.name : pg.title, purpose: 'shop' });
    }
    for (const pg of arts) {
      if (rng.chance(0.3)) {
        const h = rng.pick(hubDeep);
        push(plan.main, urlOf(s, pg), { href: h.url, text: h.title, purpose: 'cite' });
      }
      if (rng.chance(0.3)) {
        const b = rng.pick(blogDeep);
        if (b.host !== p.site.host) push(plan.main, urlOf(s, pg), { href: b.url, text: b.title, purpose: 'friend' });
      }
    }
    if (p.traits.has('hidden-link')) {
      push(plan.main, urlOf(s, arts[0] as SkeletonPage), { href: specials.home, text: 'buy cheap widgets', purpose: 'spam', wrapStyle: 'font-size:0' });
      push(plan.main, urlOf(s, arts[0] as SkeletonPage), { href: urlOf(target, products[1 % products.length] as SkeletonPage), text: 'widgets for sale', purpose: 'spam', style: 'DISPLAY: none !important' });
    }
    if (p.traits.has('cp1252')) {
      push(plan.main, urlOf(s, feature), { href: specials.home, text: 'Boutique de widgets à prix réduit – Acme “Spécial”', purpose: 'shop' });
    }
    if (p.traits.has('meta-nofollow')) push(plan.main, urlOf(s, feature), { href: specials.home, text: 'Acme Shop', purpose: 'shop' });
    if (p.traits.has('blogroll')) {
      for (const b of rng.sample(blogs.filter((x) => x !== p), rng.int(3, 5))) push(plan.aside, p.site.host, { href: `http://${b.site.host}/`, text: b.site.name, purpose: 'friend' });
    }
    if (p.traits.has('footer-target')) push(plan.footer, p.site.host, { href: specials.home, text: 'Supported by Acme Shop', purpose: 'shop' });
    if (regular.length > 0 && rng.chance(0.5)) {
      const designer = regular[0] as SitePlan;
      if (designer !== p) push(plan.footer, p.site.host, { href: `http://${designer.site.host}/`, text: `Theme by ${designer.site.name}`, purpose: 'friend' });
    }
    if (p.traits.has('comments')) planComments(plan, rng, p, s, blogs, products.map((pg) => urlOf(target, pg)));
  }

  planHubs(plan, seed, web, sk, specials, competitors, hubDeep);
  planForums(plan, seed, forums.concat(web.plans.filter((p) => p.traits.has('robots-403'))), sk, targetDeep, competitors, blogDeep);
  planPaid(plan, seed, web, sk, specials, competitors, products.map((pg) => urlOf(target, pg)));
  return plan;
}

function planComments(plan: LinkPlan, rng: Rng, p: SitePlan, s: Skeleton, blogs: SitePlan[], targetProducts: string[]): void {
  let id = 1;
  for (const pg of s.deep) {
    if (!rng.chance(0.6)) continue;
    const list: CommentSpec[] = [];
    for (let k = rng.int(1, 3); k > 0; k--) {
      const comment: CommentSpec = { id: id++, author: rng.pick(COMMENTERS), body: rng.pick(['Thanks, this helped a lot.', 'I tried this last weekend and it worked.', 'Could you write more about this?', 'Great write-up as always.']) };
      if (rng.chance(0.5)) {
        const b = rng.pick(blogs);
        if (b !== p) comment.authorLink = { href: `http://${b.site.host}/`, text: comment.author, rel: 'external nofollow ugc', purpose: 'friend' };
      }
      if (rng.chance(0.2)) {
        comment.author = rng.pick(['cheap widgets', 'Widget Deals', 'best widgets online']);
        delete comment.authorLink;
        comment.link = { href: rng.pick(targetProducts), text: rng.pick(KEYWORDS), rel: rng.pick(SPAM_RELS), purpose: 'spam' };
      }
      list.push(comment);
    }
    plan.comments.set(urlOf(s, pg), list);
  }
}

function planHubs(
  plan: LinkPlan,
  seed: number,
  web: WebPlan,
  sk: (p: SitePlan) => Skeleton,
  specials: TargetSpecials,
  competitors: Skeleton[],
  hubDeep: { url: string; title: string }[],
): void {
  const rng = rngFor(seed, 'out:hubs');
  const news = sk(web.news);
  const arts = news.deep;
  for (const pg of arts) {
    if (rng.chance(0.4)) {
      const h = rng.pick(hubDeep);
      if (!h.url.startsWith(`http://${news.host}/`)) push(plan.main, urlOf(news, pg), { href: h.url, text: h.title, purpose: 'cite' });
    }
  }
  // NOTE: the last few stories mention the target too, so day 2 always has pages to change.
  for (const pg of arts.slice(-4, -1)) push(plan.main, urlOf(news, pg), { href: specials.home, text: rng.pick(['Acme Shop', 'the Acme online store', 'acme-shop.test']), purpose: 'shop' });
  const shopping = arts[arts.length - 1] as SkeletonPage;
  push(plan.main, urlOf(news, shopping), { href: specials.home, text: 'Acme Shop', purpose: 'shop' });
  push(plan.main, urlOf(news, shopping), { href: specials.home, text: 'Acme Shop storefront', img: { src: '/images/acme-storefront.jpg' }, purpose: 'shop' });
  for (const c of competitors) push(plan.main, urlOf(news, rng.pick(arts)), { href: `http://${c.host}/`, text: c.plan.site.name, purpose: 'shop' });

  const uni = sk(web.uni);
  const discounts = `http://${uni.host}/students/discounts`;
  push(plan.main, discounts, { href: specials.home, text: 'Acme Shop student discount', purpose: 'shop' });
  for (const c of competitors.slice(0, 2)) push(plan.main, discounts, { href: `http://${c.host}/`, text: c.plan.site.name, purpose: 'shop' });
  for (const pg of uni.deep) if (rng.chance(0.3)) push(plan.main, urlOf(uni, pg), { href: urlOf(news, rng.pick(arts)), text: 'press coverage', purpose: 'cite' });
  const uniSub = sk(web.uniSub);
  for (const pg of uniSub.deep) if (rng.chance(0.5)) push(plan.main, urlOf(uniSub, pg), { href: urlOf(uni, rng.pick(uni.deep)), text: 'related research', purpose: 'cite' });

  const gov = sk(web.gov);
  const register = `http://${gov.host}/retailers/register`;
  push(plan.main, register, { href: specials.home, text: 'Acme Shop Ltd', purpose: 'cite' });
  for (const c of competitors) push(plan.main, register, { href: `http://${c.host}/`, text: c.plan.site.name, purpose: 'cite' });
  for (const pg of gov.deep) push(plan.main, urlOf(gov, pg), { href: urlOf(news, rng.pick(arts)), text: 'news report', purpose: 'cite' });
}

function planForums(
  plan: LinkPlan,
  seed: number,
  forums: SitePlan[],
  sk: (p: SitePlan) => Skeleton,
  targetDeep: (rng: Rng) => { url: string; title: string },
  competitors: Skeleton[],
  blogDeep: { url: string; title: string }[],
): void {
  for (const f of forums) {
    const rng = rngFor(seed, `out:${f.site.host}`);
    const s = sk(f);
    for (const pg of s.deep) {
      const url = urlOf(s, pg);
      if (rng.chance(0.35)) {
        const t = targetDeep(rng);
        push(plan.main, url, { href: t.url, text: rng.chance(0.5) ? t.title : 'Acme', purpose: 'friend' });
      }
      if (rng.chance(0.25)) {
        const c = rng.pick(competitors);
        push(plan.main, url, { href: `http://${c.host}/`, text: c.plan.site.name, purpose: 'friend' });
      }
      if (rng.chance(0.2)) {
        const b = rng.pick(blogDeep);
        push(plan.main, url, { href: b.url, text: b.title, purpose: 'friend' });
      }
    }
  }
}

function planPaid(plan: LinkPlan, seed: number, web: WebPlan, sk: (p: SitePlan) => Skeleton, specials: TargetSpecials, competitors: Skeleton[], targetProducts: string[]): void {
  for (const p of web.plans.filter((x) => x.site.role === 'paid')) {
    const rng = rngFor(seed, `out:${p.site.host}`);
    const s = sk(p);
    const compliant = p.traits.has('compliant');
    const paidPages = s.deep.filter((pg) => pg.parent === 'paid');
    paidPages.forEach((pg, i) => {
      const url = urlOf(s, pg);
      if (i % 3 === 2) {
        const c = rng.pick(competitors);
        push(plan.main, url, { href: `http://${c.host}/`, text: `${c.plan.site.name} deals`, purpose: 'paid', ...(compliant ? { rel: 'sponsored noopener' } : {}) });
      } else {
        const href = i === 0 ? specials.home : rng.pick(targetProducts);
        const text = compliant ? rng.pick(['widgets from Acme Shop', 'Acme Shop deals', 'the Acme catalogue']) : rng.pick(KEYWORDS);
        push(plan.main, url, { href, text, purpose: 'paid', ...(compliant ? { rel: i % 2 === 0 ? 'sponsored' : 'Sponsored' } : {}) });
      }
    });
    for (const pg of s.deep.filter((x) => x.parent !== 'paid')) {
      if (rng.chance(0.3)) {
        const news = sk(web.news);
        const n = rng.pick(news.deep);
        push(plan.main, urlOf(s, pg), { href: urlOf(news, n), text: n.title, purpose: 'cite' });
      }
    }
  }
}
