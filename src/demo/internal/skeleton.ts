/**
 * Site skeletons: every page's path, kind and title, decided before any page is written so that
 * sites can link deep into each other.
 */
import type { PageKind } from './model.js';
import type { SitePlan } from './plan-web.js';
import { rngFor, type Rng } from './prng.js';
import { adjective, headline, noun, slugify } from './text.js';

export interface SkeletonPage {
  path: string;
  kind: PageKind;
  title: string;
  /** For article pages: the section/board/category path it is listed under, if any. */
  parent?: string;
}

export interface Skeleton {
  plan: SitePlan;
  host: string;
  pages: SkeletonPage[];
  /** Content pages other sites may link to (articles, products, threads, posts). */
  deep: SkeletonPage[];
  byPath: Map<string, SkeletonPage>;
}

/** Articles listed straight from the home page when a blog has at most this many. */
export const ARCHIVE_THRESHOLD = 15;
/** Articles per archive page. */
export const ARCHIVE_PAGE_SIZE = 20;

function uniqueSlug(base: string, used: Set<string>): string {
  let slug = slugify(base);
  for (let i = 2; used.has(slug); i++) slug = `${slugify(base)}-${i}`;
  used.add(slug);
  return slug;
}

function titles(rng: Rng, plan: SitePlan, count: number): { title: string; slug: string }[] {
  const used = new Set<string>();
  return Array.from({ length: count }, () => {
    const title = headline(rng, plan.topic);
    return { title, slug: uniqueSlug(title, used) };
  });
}

function blogPath(style: number, rng: Rng, slug: string, i: number): string {
  const year = 2018 + (i % 7);
  const month = String(1 + rng.int(0, 11)).padStart(2, '0');
  switch (style) {
    case 0:
      return `/${year}/${month}/${slug}/`;
    case 1:
      return `/posts/${slug}`;
    case 2:
      return `/blog/${slug}.html`;
    default:
      return `/p/${1000 + i * 7}`;
  }
}

/** Articles of a content site, with archive pages when there are many. */
function articleSite(plan: SitePlan, rng: Rng, fixed: SkeletonPage[], pathOf: (slug: string, i: number) => string): SkeletonPage[] {
  let articles = Math.max(1, plan.budget - fixed.length - 1);
  if (articles > ARCHIVE_THRESHOLD) articles = Math.max(1, articles - 1 - Math.ceil(articles / ARCHIVE_PAGE_SIZE));
  const pages: SkeletonPage[] = [{ path: '/', kind: 'home', title: plan.site.name }, ...fixed];
  if (articles > ARCHIVE_THRESHOLD) {
    pages.push({ path: '/archive/', kind: 'archive', title: `${plan.site.name}: archive` });
    for (let k = 1; k <= Math.ceil(articles / ARCHIVE_PAGE_SIZE); k++) pages.push({ path: `/archive/${k}/`, kind: 'archive', title: `Archive, page ${k}` });
  }
  titles(rng, plan, articles).forEach(({ title, slug }, i) => pages.push({ path: pathOf(slug, i), kind: 'article', title }));
  return pages;
}

function shopSite(plan: SitePlan, rng: Rng): SkeletonPage[] {
  const info = ['about', 'contact', 'shipping', 'returns'].map((s): SkeletonPage => ({ path: `/${s}`, kind: 'info', title: s.charAt(0).toUpperCase() + s.slice(1) }));
  if (plan.site.role === 'target') {
    info.push({ path: '/newsletter', kind: 'info', title: 'Newsletter' }, { path: '/sale', kind: 'info', title: 'Spring sale' }, { path: '/legal/terms', kind: 'info', title: 'Terms of sale' });
  }
  const categories = Math.max(3, Math.round(plan.budget * 0.05));
  const products = Math.max(3, plan.budget - 1 - info.length - categories);
  const cats: SkeletonPage[] = [];
  const usedCat = new Set<string>();
  for (let i = 0; i < categories; i++) {
    const name = `${noun(rng, 'shop')}s`;
    const slug = uniqueSlug(name, usedCat);
    cats.push({ path: `/c/${slug}/`, kind: 'category', title: name.charAt(0).toUpperCase() + name.slice(1) + (slug === slugify(name) ? '' : ` ${slug.split('-').pop()}`) });
  }
  const usedProduct = new Set<string>();
  const prods: SkeletonPage[] = [];
  for (let i = 0; i < products; i++) {
    const name = `${adjective(rng, 'shop')} ${noun(rng, 'shop')} ${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(1, 99)}`;
    const slug = uniqueSlug(name, usedProduct);
    prods.push({ path: `/p/${slug}`, kind: 'product', title: name.charAt(0).toUpperCase() + name.slice(1), parent: (cats[i % cats.length] as SkeletonPage).path });
  }
  return [{ path: '/', kind: 'home', title: plan.site.name }, ...info, ...cats, ...prods];
}

function forumSite(plan: SitePlan, rng: Rng): SkeletonPage[] {
  const boardNames = ['General discussion', 'Buying advice', 'Show and tell', 'Repairs', 'Off topic'];
  const boards = boardNames.slice(0, Math.max(2, Math.min(5, Math.round(plan.budget / 15))));
  const pages: SkeletonPage[] = [{ path: '/', kind: 'home', title: plan.site.name }];
  for (const b of boards) pages.push({ path: `/b/${slugify(b)}`, kind: 'board', title: b });
  const threads = Math.max(2, plan.budget - pages.length);
  titles(rng, plan, threads).forEach(({ title, slug }, i) =>
    pages.push({ path: `/t/${100 + i}-${slug}`, kind: 'thread', title, parent: `/b/${slugify(boards[i % boards.length] as string)}` }),
  );
  return pages;
}

function newsSite(plan: SitePlan, rng: Rng): SkeletonPage[] {
  const sections = ['business', 'tech', 'local', 'opinion'];
  const pages: SkeletonPage[] = [{ path: '/', kind: 'home', title: plan.site.name }, { path: '/about-us', kind: 'info', title: 'About us' }];
  for (const s of sections) pages.push({ path: `/${s}/`, kind: 'archive', title: s.charAt(0).toUpperCase() + s.slice(1) });
  pages.push({ path: '/tag/widgets', kind: 'archive', title: 'Tag: widgets' });
  const articles = Math.max(3, plan.budget - pages.length);
  titles(rng, plan, articles).forEach(({ title, slug }, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    pages.push({ path: `/${2020 + (i % 5)}/${month}/${day}/${slug}`, kind: 'article', title, parent: `/${sections[i % sections.length] as string}/` });
  });
  return pages;
}

function paidSite(plan: SitePlan, rng: Rng): SkeletonPage[] {
  const pages: SkeletonPage[] = [{ path: '/', kind: 'home', title: plan.site.name }, { path: '/advertise', kind: 'info', title: 'Advertise with us' }];
  const articles = Math.max(3, plan.budget - pages.length);
  const paidEvery = 3;
  const prefix = plan.traits.has('compliant') ? '/sponsored/' : '/partner-content/';
  titles(rng, plan, articles).forEach(({ title, slug }, i) => {
    const paid = i % paidEvery === 1;
    pages.push({ path: `${paid ? prefix : '/news/'}${slug}`, kind: 'article', title, ...(paid ? { parent: 'paid' } : {}) });
  });
  return pages;
}

function hubSite(plan: SitePlan, rng: Rng): SkeletonPage[] {
  const type = plan.site.hubType;
  if (type === 'government') {
    const fixed: SkeletonPage[] = [
      { path: '/about', kind: 'info', title: 'About the office' },
      { path: '/retailers/register', kind: 'info', title: 'Register of approved retailers' },
      { path: '/internal/staff', kind: 'utility', title: 'Staff directory' },
    ];
    const guidance = titles(rng, plan, Math.max(2, plan.budget - fixed.length - 1)).map(({ title, slug }): SkeletonPage => ({ path: `/guidance/${slug}`, kind: 'article', title }));
    return [{ path: '/', kind: 'home', title: plan.site.name }, ...fixed, ...guidance];
  }
  if (plan.site.host.startsWith('engineering.')) {
    return articleSite(plan, rng, [], (slug) => `/labs/${slug}.html`);
  }
  const fixed: SkeletonPage[] = [
    { path: '/about', kind: 'info', title: 'About the university' },
    { path: '/students/discounts', kind: 'info', title: 'Student discounts and resources' },
  ];
  return articleSite(plan, rng, fixed, (slug) => `/research/${slug}`);
}

/** The skeleton of one content host. */
export function buildSkeleton(seed: number, plan: SitePlan): Skeleton {
  const rng = rngFor(seed, `skeleton:${plan.site.host}`);
  let pages: SkeletonPage[];
  switch (plan.site.role) {
    case 'target':
    case 'competitor':
      pages = plan.skin === 'shop' ? shopSite(plan, rng) : articleSite(plan, rng, [], (slug) => `/${slug}/`);
      break;
    case 'hub':
      pages = plan.site.hubType === 'news' ? newsSite(plan, rng) : hubSite(plan, rng);
      break;
    case 'forum':
      pages = forumSite(plan, rng);
      break;
    case 'paid':
      pages = paidSite(plan, rng);
      break;
    case 'farm': {
      const n = Math.max(2, plan.budget - 2);
      pages = [{ path: '/', kind: 'home', title: plan.site.name }, { path: '/submit.html', kind: 'info', title: 'Submit your site' }];
      for (let i = 1; i <= n; i++) pages.push({ path: `/links/${i}.html`, kind: 'listing', title: `${plan.site.name} resources ${i}` });
      break;
    }
    case 'pbn':
      pages = articleSite(plan, rng, [], (slug) => `/${slug}/`);
      break;
    case 'blog': {
      const style = rng.int(0, 3);
      pages = articleSite(plan, rng, [{ path: '/about/', kind: 'info', title: 'About' }], (slug, i) => blogPath(style, rng, slug, i));
      break;
    }
    default:
      pages = [];
  }
  const deep = pages.filter((pg) => pg.kind === 'article' || pg.kind === 'product' || pg.kind === 'thread');
  return { plan, host: plan.site.host, pages, deep, byPath: new Map(pages.map((pg) => [pg.path, pg])) };
}
