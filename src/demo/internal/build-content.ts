/**
 * Main content of article sites (blogs, news, hubs, paid sites, PBN posts): home, archive,
 * article and info pages, with contextual links set inside sentences and comment sections.
 */
import { toLink, type BuildCtx } from './build-chrome.js';
import { a, h, p, ul, type Block, type Inline, type PageModel } from './model.js';
import type { CommentSpec, OutLink } from './plan-outlinks.js';
import type { SitePlan } from './plan-web.js';
import type { Rng } from './prng.js';
import { ARCHIVE_PAGE_SIZE, ARCHIVE_THRESHOLD, type Skeleton, type SkeletonPage } from './skeleton.js';
import { linkContext, paragraph, sentence, type Topic } from './text.js';

/** Paragraphs of filler with one contextual link per paragraph. */
export function bodyWithLinks(rng: Rng, topic: Topic, outlinks: readonly OutLink[], minParagraphs = 3): Block[] {
  const blocks: Block[] = [];
  const total = Math.max(minParagraphs, outlinks.length + 1);
  let next = 0;
  for (let i = 0; i < total; i++) {
    const link = i > 0 ? outlinks[next] : undefined;
    if (link === undefined) {
      blocks.push(p(paragraph(rng, topic)));
      continue;
    }
    next++;
    const [before, after] = linkContext(rng, link.purpose);
    if (link.wrapStyle !== undefined) {
      blocks.push(p(paragraph(rng, topic, 2)), { tag: 'p', style: link.wrapStyle, inlines: [before, toLink(link), after] });
    } else {
      blocks.push(p(`${sentence(rng, topic)} ${before}`, toLink(link), `${after} ${sentence(rng, topic)}`));
    }
  }
  return blocks;
}

/** A list of internal links to pages of the site (skipping the page itself). */
export function pageList(pages: readonly SkeletonPage[], self: string, anchor: (pg: SkeletonPage) => string = (pg) => pg.title): Block {
  return ul(pages.filter((pg) => pg.path !== self).map((pg) => [a(pg.path, anchor(pg))]));
}

function commentsBlock(comments: readonly CommentSpec[], replies: boolean): Block {
  const items: Block[] = comments.map((c) => {
    const who: Inline = c.authorLink ? toLink(c.authorLink) : c.author;
    const text: Inline[] = [c.body];
    if (c.link) text.push(' ', toLink(c.link));
    const children: Block[] = [{ tag: 'p', className: 'who', inlines: [who, ' says:'] }, { tag: 'p', inlines: text }];
    if (replies) children.push({ tag: 'p', inlines: [a(`?replytocom=${c.id}#respond`, 'Reply', { rel: 'nofollow', attrs: 'class="comment-reply-link"' })] });
    return { tag: 'li', attrs: `id="comment-${c.id}"`, children };
  });
  return { tag: 'section', className: 'comments', children: [h(2, `${comments.length} comments`), { tag: 'ol', children: items }] };
}

/** The reply-form pages a WordPress-like blog links from every comment (robots.txt disallows them). */
export function replyPaths(articlePath: string, comments: readonly CommentSpec[]): string[] {
  return comments.map((c) => `${articlePath}?replytocom=${c.id}`);
}

/** Main content of one page of an article site. */
export function articleSiteMain(page: PageModel, pg: SkeletonPage, plan: SitePlan, skeleton: Skeleton, ctx: BuildCtx, rng: Rng): void {
  const main = page.sections.main;
  const outlinks = ctx.links.main.get(page.url) ?? [];
  const articles = skeleton.deep;
  main.push(h(1, pg.title));
  switch (pg.kind) {
    case 'home': {
      main.push(p(paragraph(rng, plan.topic, 2)));
      const archived = articles.length > ARCHIVE_THRESHOLD && skeleton.byPath.has('/archive/');
      const sectioned = skeleton.pages.some((x) => x.kind === 'archive' && !x.path.startsWith('/archive/'));
      main.push(h(2, 'Latest'), pageList(archived || sectioned ? articles.slice(0, 10) : articles, '/'));
      if (archived) main.push(p(a('/archive/', 'All posts')));
      main.push(...bodyWithLinks(rng, plan.topic, outlinks, 0));
      break;
    }
    case 'archive': {
      if (pg.path === '/archive/') {
        const pages = skeleton.pages.filter((x) => x.kind === 'archive' && x.path !== '/archive/' && x.path.startsWith('/archive/'));
        main.push(pageList(pages, pg.path));
      } else if (pg.path.startsWith('/archive/')) {
        const k = Number(pg.path.split('/')[2]);
        main.push(pageList(articles.slice((k - 1) * ARCHIVE_PAGE_SIZE, k * ARCHIVE_PAGE_SIZE), pg.path));
      } else if (pg.path.startsWith('/tag/')) {
        main.push(p('Stories tagged widgets.'), pageList(articles.slice(0, 5), pg.path));
      } else {
        main.push(pageList(articles.filter((x) => x.parent === pg.path), pg.path));
      }
      break;
    }
    case 'article': {
      main.push({ tag: 'p', className: 'byline', inlines: [`By ${rng.pick(['Sam Ortiz', 'Mei Tanaka', 'Jo Brennan', 'the editors', 'Alex Moreau'])}`] });
      if (pg.parent === 'paid') main.push(...paidLabel(plan));
      main.push(...bodyWithLinks(rng, plan.topic, outlinks));
      const i = articles.indexOf(pg);
      const related = [articles[(i + 1) % articles.length], articles[(i + 2) % articles.length]].filter((x): x is SkeletonPage => x !== undefined && x !== pg);
      if (related.length > 0) main.push(h(3, 'Related'), pageList(related, pg.path));
      const comments = ctx.links.comments.get(page.url);
      if (comments && comments.length > 0) {
        main.push(commentsBlock(comments, plan.traits.has('wp-replies') && page.base === undefined));
        page.flags.push('comments');
      }
      break;
    }
    default: {
      main.push(p(paragraph(rng, plan.topic, 2)));
      if (pg.path === '/about' && skeleton.byPath.has('/internal/staff')) main.push(p('Staff can find colleagues in the ', a('/internal/staff', 'staff directory'), '.'));
      if (pg.path === '/retailers/register') {
        main.push(p('The retailers below meet the office standards.'), ul(outlinks.map((o) => [toLink(o)])));
      } else {
        main.push(...bodyWithLinks(rng, plan.topic, outlinks, 1));
      }
    }
  }
}

function paidLabel(plan: SitePlan): Block[] {
  if (plan.traits.has('compliant')) return [{ tag: 'p', className: 'label', inlines: ['Sponsored post: this article was paid for by an advertiser.'] }];
  return [{ tag: 'p', className: 'label', inlines: ['Advertorial. This sponsored post was produced in partnership with our commercial team.'] }];
}
