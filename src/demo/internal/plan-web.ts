/**
 * The cast of the demo web: which sites exist, their hosts, addresses, roles, classes, page
 * budgets and traits. Everything later (skeletons, links, pages) follows from this plan.
 */
import { registrableDomain } from '../../core/registrable-domain.js';
import type { DemoClass, DemoRobotsMode, DemoRole, DemoSite } from '../types.js';
import type { Skin } from './model.js';
import { rngFor, type Rng } from './prng.js';
import type { Topic } from './text.js';

/** Special behaviours a site can carry. */
export type Trait =
  | 'slow'
  | 'robots-500'
  | 'robots-403'
  | 'crawl-delay'
  | 'cp1252'
  | 'base-href'
  | 'classic'
  | 'comments'
  | 'wp-replies'
  | 'blogroll'
  | 'footer-target'
  | 'meta-nofollow'
  | 'hidden-link'
  | 'compliant'
  | 'unmarked'
  | 'platform'
  | 'niche';

export interface SitePlan {
  site: DemoSite;
  topic: Topic;
  skin: Skin;
  /** HTML pages answering 200 on this host (0 for redirect-only hosts). */
  budget: number;
  traits: Set<Trait>;
}

export interface WebPlan {
  seed: number;
  plans: SitePlan[];
  target: SitePlan;
  targetBlog: SitePlan;
  targetBare: SitePlan;
  competitors: SitePlan[];
  news: SitePlan;
  uni: SitePlan;
  uniSub: SitePlan;
  gov: SitePlan;
  expired: SitePlan;
  /** Niche blogs planted for prospecting (see plant-prospects.ts); role blog, trait niche. */
  niche: SitePlan[];
  /** Hosts created between day 1 and day 2 (built only for day 2). */
  day2Pbn: SitePlan;
}

export const TARGET_DOMAIN = 'acme-shop.test';
export const KEYWORDS = ['buy cheap widgets', 'cheap widgets', 'best widgets online', 'widgets for sale', 'discount gadgets'] as const;
export const BRAND_TERMS = ['acme', 'acme shop', 'acme-shop', 'acme-shop.test', 'www.acme-shop.test'] as const;
/** Shared by every PBN site, as real PBN operators reuse their accounts. */
export const PBN_ANALYTICS_ID = 'G-PBN7C2QK4M';
export const PBN_ADSENSE_ID = 'ca-pub-4815162342000042';
export const PBN_IP = '127.0.0.9';
const FARM_IP = '127.0.0.8';
const SPREAD_IPS = ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'] as const;

const BLOG_TOPICS: readonly Topic[] = ['garden', 'cooking', 'travel', 'tech', 'cycling', 'photo', 'diy', 'finance'];
const BLOG_A = ['quiet', 'copper', 'harbor', 'maple', 'north', 'little', 'wild', 'urban', 'sunny', 'rustic', 'amber', 'silver', 'cedar', 'misty', 'golden', 'hidden', 'bright', 'lazy', 'stone', 'willow'];
const BLOG_B = ['garden', 'kitchen', 'trail', 'lens', 'workshop', 'byte', 'pedal', 'ledger', 'nest', 'compass', 'harvest', 'atlas'];
const BLOG_C = ['notes', 'journal', 'diaries', 'log', 'corner', 'blog', 'life', 'days', 'stories', 'weekly'];
const FORUM_A = ['tinkerers', 'makers', 'gadget-talk', 'homeowners', 'hobby', 'diy', 'fixit', 'bench'];
const FORUM_B = ['forum', 'board', 'hangout', 'community', 'lounge'];
const PAID_A = ['bizwire', 'market-pulse', 'shopping', 'lifestyle', 'trendspotter', 'consumer', 'retail'];
const PAID_B = ['daily', 'magazine', 'digest', 'weekly', 'review', 'times'];
const FARM_A = ['best-links', 'top-site', 'link-hub', 'free-seo', 'web-directory', 'mega-link', 'site-index'];
const FARM_B = ['directory', 'list', 'central', 'links', 'pro', 'world'];
const PBN_A = ['widget-tips', 'gadget-guru', 'home-widget', 'cheap-widget', 'widget-buyers', 'smart-gadget', 'widget-deals', 'budget-gadget', 'best-widget', 'gadget-savings'];
const PBN_B = ['daily', 'blog', 'advice', 'reviews', 'guide', 'picks', 'hub', 'news', 'corner'];

function title(slug: string): string {
  return slug
    .split(/[-.]/)
    .filter((w) => w !== 'test' && w !== 'www')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A fresh domain made of one part from each list, unique within `used`. */
function uniqueDomain(rng: Rng, parts: readonly (readonly string[])[], used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    let name = parts.map((list) => rng.pick(list)).join('-');
    if (attempt > 50) name += `-${attempt}`;
    const domain = `${name}.test`;
    if (!used.has(domain)) {
      used.add(domain);
      return domain;
    }
  }
}

interface SiteSpec {
  host: string;
  role: DemoRole;
  cls: DemoClass;
  name: string;
  ip: string;
  topic: Topic;
  skin: Skin;
  budget: number;
  robots: DemoRobotsMode;
  traits?: Trait[];
  hubType?: DemoSite['hubType'];
  analyticsId?: string | null;
  adsenseId?: string | null;
  redirectAll?: DemoSite['redirectAll'];
  sinceDay?: 1 | 2;
}

function toPlan(spec: SiteSpec, rng: Rng): SitePlan {
  const traits = new Set(spec.traits ?? []);
  const site: DemoSite = {
    host: spec.host,
    domain: registrableDomain(spec.host),
    ip: spec.ip,
    role: spec.role,
    class: spec.cls,
    name: spec.name,
    robots: traits.has('robots-500') ? 'error-500' : traits.has('robots-403') ? 'forbidden-403' : spec.robots,
    delayMs: traits.has('slow') ? 300 : 0,
    crawlDelayMs: traits.has('crawl-delay') ? 1000 : 0,
    analyticsId: spec.analyticsId === undefined ? `G-${rng.int(100000, 999999).toString(36).toUpperCase()}${rng.int(10, 99)}` : spec.analyticsId,
    adsenseId: spec.adsenseId === undefined ? null : spec.adsenseId,
    redirectAll: spec.redirectAll ?? null,
    sinceDay: spec.sinceDay ?? 1,
  };
  if (spec.hubType !== undefined) site.hubType = spec.hubType;
  return { site, topic: spec.topic, skin: spec.skin, budget: spec.budget, traits };
}

/** Domain counts per role for a web of `sites` domains (8 of them are fixed). */
export function roleCounts(sites: number): { pbn: number; farm: number; forum: number; paid: number; blog: number } {
  const rest = sites - 8;
  const pbn = Math.max(3, Math.round(rest * 0.12));
  const farm = Math.max(1, Math.round(rest * 0.07));
  const forum = Math.max(1, Math.round(rest * 0.07));
  const paid = Math.max(2, Math.round(rest * 0.07));
  return { pbn, farm, forum, paid, blog: rest - pbn - farm - forum - paid };
}

/**
 * Niche blogs planted for prospecting, on top of `sites`: they link to competitors and never to the
 * target on day 1 (link gap), and carry the dead link, the brand mention, the resource page and the
 * contact pages (see plant-prospects.ts).
 */
export const NICHE_SITES = [
  { host: 'www.gizmoguide.test', name: 'Gizmo Guide', topic: 'tech' },
  { host: 'www.tinkertools-digest.test', name: 'Tinker Tools Digest', topic: 'diy' },
  { host: 'www.homeshop-review.test', name: 'Homeshop Review', topic: 'shop' },
] as const satisfies readonly { host: string; name: string; topic: Topic }[];
const NICHE_BUDGET = 6;

/** The smallest web that still holds every feature. */
export const MIN_SITES = 20;

/** Plan a web of about `sites` domains and `pages` HTML pages. */
export function planWeb(seed: number, sites: number, pages: number): WebPlan {
  const rng = rngFor(seed, 'plan');
  const share = (fraction: number, min: number): number => Math.max(min, Math.round(pages * fraction));
  const used = new Set<string>([TARGET_DOMAIN, ...NICHE_SITES.map((n) => registrableDomain(n.host))]);
  const plans: SitePlan[] = [];
  const add = (spec: SiteSpec): SitePlan => {
    const plan = toPlan(spec, rngFor(seed, `ids:${spec.host}`));
    plans.push(plan);
    return plan;
  };

  const target = add({ host: `www.${TARGET_DOMAIN}`, role: 'target', cls: 'legit', name: 'Acme Shop', ip: '127.0.0.2', topic: 'shop', skin: 'shop', budget: share(0.07, 30), robots: 'rules' });
  const targetBlog = add({ host: `blog.${TARGET_DOMAIN}`, role: 'target', cls: 'legit', name: 'Acme Shop Blog', ip: '127.0.0.2', topic: 'shop', skin: 'modern', budget: share(0.02, 5), robots: 'missing-404', analyticsId: target.site.analyticsId });
  const targetBare = add({ host: TARGET_DOMAIN, role: 'target', cls: 'legit', name: 'Acme Shop', ip: '127.0.0.2', topic: 'shop', skin: 'shop', budget: 0, robots: 'redirect', redirectAll: { status: 301, toOrigin: `http://www.${TARGET_DOMAIN}`, keepPath: true } });
  const competitors = [
    add({ host: 'www.widgetworld.test', role: 'competitor', cls: 'legit', name: 'Widget World', ip: '127.0.0.3', topic: 'shop', skin: 'shop', budget: share(0.035, 8), robots: 'rules' }),
    add({ host: 'www.gadgetbarn.test', role: 'competitor', cls: 'legit', name: 'Gadget Barn', ip: '127.0.0.3', topic: 'shop', skin: 'shop', budget: share(0.035, 8), robots: 'missing-404' }),
    add({ host: 'shop.sprocketco.test', role: 'competitor', cls: 'legit', name: 'Sprocket & Co', ip: '127.0.0.3', topic: 'shop', skin: 'shop', budget: share(0.035, 8), robots: 'rules' }),
  ];
  for (const d of ['widgetworld.test', 'gadgetbarn.test', 'sprocketco.test', 'dailyledger-news.test', 'northfield-uni.test', 'tradestandards-gov.test', 'widgetreviews2014.test', 'pressblog.test']) used.add(d);
  const news = add({ host: 'www.dailyledger-news.test', role: 'hub', hubType: 'news', cls: 'legit', name: 'The Daily Ledger', ip: '127.0.0.4', topic: 'news', skin: 'news', budget: share(0.08, 15), robots: 'rules' });
  const uni = add({ host: 'www.northfield-uni.test', role: 'hub', hubType: 'university', cls: 'legit', name: 'Northfield University', ip: '127.0.0.5', topic: 'academic', skin: 'modern', budget: share(0.03, 8), robots: 'rules' });
  const uniSub = add({ host: 'engineering.northfield-uni.test', role: 'hub', hubType: 'university', cls: 'legit', name: 'Northfield Engineering', ip: '127.0.0.5', topic: 'academic', skin: 'classic', budget: share(0.015, 4), robots: 'missing-404' });
  const gov = add({ host: 'www.tradestandards-gov.test', role: 'hub', hubType: 'government', cls: 'legit', name: 'Trade Standards Office', ip: '127.0.0.6', topic: 'gov', skin: 'modern', budget: 8, robots: 'rules', traits: ['crawl-delay'] });
  const expired = add({ host: 'www.widgetreviews2014.test', role: 'expired', cls: 'spam', name: 'Widget Reviews 2014', ip: '127.0.0.5', topic: 'shop', skin: 'modern', budget: 0, robots: 'redirect', redirectAll: { status: 301, toOrigin: `http://www.${TARGET_DOMAIN}`, keepPath: false } });

  const counts = roleCounts(sites);
  const spreadIp = (): string => rng.pick(SPREAD_IPS);

  for (let i = 0; i < counts.forum; i++) {
    const domain = uniqueDomain(rng, [FORUM_A, FORUM_B], used);
    add({ host: i % 2 === 0 ? `www.${domain}` : `forum.${domain}`, role: 'forum', cls: 'legit', name: title(domain), ip: spreadIp(), topic: rng.pick(['diy', 'tech', 'shop'] as const), skin: 'forum', budget: share(0.03, 6), robots: 'rules', traits: i === 1 ? ['robots-403'] : [] });
  }
  for (let i = 0; i < counts.paid; i++) {
    const domain = uniqueDomain(rng, [PAID_A, PAID_B], used);
    const compliant = i % 2 === 0;
    add({ host: `www.${domain}`, role: 'paid', cls: compliant ? 'legit' : 'spam', name: title(domain), ip: spreadIp(), topic: 'news', skin: 'news', budget: share(0.02, 6), robots: 'rules', traits: [compliant ? 'compliant' : 'unmarked', ...(i === 0 ? (['meta-nofollow'] as const) : [])], adsenseId: `ca-pub-${rng.int(1e9, 9e9)}` });
  }
  for (let i = 0; i < counts.farm; i++) {
    const domain = uniqueDomain(rng, [FARM_A, FARM_B], used);
    add({ host: i % 2 === 0 ? domain : `www.${domain}`, role: 'farm', cls: 'spam', name: title(domain), ip: FARM_IP, topic: 'seo', skin: 'farm', budget: share(0.01, 4), robots: 'missing-404', analyticsId: null });
  }
  const pbnBudget = share(0.005, 4);
  const pbnSpec = (domain: string, i: number, sinceDay: 1 | 2): SiteSpec => ({
    host: i % 3 === 1 ? `www.${domain}` : domain,
    role: 'pbn',
    cls: 'pbn',
    name: title(domain),
    ip: PBN_IP,
    topic: 'shop',
    skin: 'pbn',
    budget: sinceDay === 2 ? 4 : pbnBudget,
    robots: 'rules',
    analyticsId: PBN_ANALYTICS_ID,
    adsenseId: PBN_ADSENSE_ID,
    sinceDay,
  });
  for (let i = 0; i < counts.pbn; i++) add(pbnSpec(uniqueDomain(rng, [PBN_A, PBN_B], used), i, 1));

  // Blogs: three with a fixed job, the rest ordinary; traits spread over the ordinary ones.
  const blogSpec = (host: string, budget: number, traits: Trait[]): SiteSpec => ({
    host,
    role: 'blog',
    cls: 'legit',
    name: title(host),
    ip: spreadIp(),
    topic: rng.pick(BLOG_TOPICS),
    skin: traits.includes('classic') ? 'classic' : 'modern',
    budget,
    robots: rng.chance(0.4) ? 'missing-404' : 'rules',
    traits,
  });
  add(blogSpec(`www.${uniqueDomain(rng, [BLOG_A, BLOG_B, BLOG_C], used)}`, 6, ['slow']));
  add(blogSpec(`www.${uniqueDomain(rng, [BLOG_A, BLOG_B, BLOG_C], used)}`, 8, ['robots-500']));
  const platformBudget = share(0.01, 4);
  for (const user of ['alice', 'marco']) {
    add(blogSpec(`${user}-${rng.pick(BLOG_B)}.pressblog.test`, platformBudget, ['platform']));
  }
  const regularCount = counts.blog - 3;
  const fixedPages = plans.reduce((sum, plan) => sum + plan.budget, 0);
  const weights = Array.from({ length: regularCount }, () => 0.5 + rng.next());
  const weightSum = weights.reduce((x, y) => x + y, 0);
  const remaining = Math.max(0, pages - fixedPages);
  const special: Trait[][] = [['cp1252', 'comments'], ['base-href', 'comments'], ['classic'], ['meta-nofollow', 'footer-target', 'blogroll'], ['hidden-link', 'wp-replies', 'comments']];
  for (let i = 0; i < regularCount; i++) {
    // NOTE: every special trait lands on some blog, however few blogs there are.
    const traits: Trait[] = special.filter((_, j) => j % regularCount === i).flat();
    if (i >= special.length) {
      if (rng.chance(0.4)) traits.push('comments');
      if (rng.chance(0.25)) traits.push('wp-replies', 'comments');
      if (rng.chance(0.5)) traits.push('blogroll');
      if (i === special.length + 1) traits.push('footer-target');
    }
    const domain = uniqueDomain(rng, [BLOG_A, BLOG_B, BLOG_C], used);
    const host = rng.chance(0.75) ? `www.${domain}` : domain;
    const spec = blogSpec(host, Math.max(4, Math.round((remaining * (weights[i] as number)) / weightSum)), traits);
    if (traits.includes('wp-replies')) spec.robots = 'rules';
    add(spec);
  }

  // NOTE: planted after every other site, so that the rest of the cast draws the same numbers as before.
  const niche = NICHE_SITES.map((n) => add({ ...blogSpec(n.host, NICHE_BUDGET, ['niche']), name: n.name, topic: n.topic, robots: 'rules' }));

  const day2Pbn = toPlan(pbnSpec(uniqueDomain(rng, [PBN_A, PBN_B], used), 0, 2), rngFor(seed, 'ids:day2-pbn'));
  plans.push(day2Pbn);

  return { seed, plans, target, targetBlog, targetBare, competitors, news, uni, uniSub, gov, expired, niche, day2Pbn };
}
