/**
 * robots.txt and sitemaps for every host, plus a small RFC 9309 matcher so the truth can say
 * which URLs a polite crawler may fetch. Only the `*` group matters to us: the other groups name
 * backlink crawlers (AhrefsBot, SemrushBot...) that real sites and PBNs block.
 */
import type { DemoRobotsMode, DemoTruthRobots, DemoTruthSitemap } from '../types.js';
import type { PageModel } from './model.js';
import type { SitePlan } from './plan-web.js';

export interface RobotsRule {
  allow: boolean;
  pattern: string;
}

export interface RobotsSpec {
  host: string;
  mode: DemoRobotsMode;
  status: number;
  body: string;
  location?: string;
  /** Rules of the `*` group that apply to this host (for 'redirect': the rules it redirects to). */
  rules: RobotsRule[];
  crawlDelayMs: number;
  sitemaps: string[];
}

/** RFC 9309 matching: the longest matching rule wins, allow wins a tie; `*` any run, `$` end. */
export function robotsAllows(rules: readonly RobotsRule[], pathAndQuery: string): boolean {
  let best: RobotsRule | null = null;
  for (const rule of rules) {
    if (rule.pattern === '' || !matches(rule.pattern, pathAndQuery)) continue;
    if (best === null || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
  }
  return best === null || best.allow;
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const re = new RegExp('^' + body.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + (anchored ? '$' : ''));
  return re.test(path);
}

function rulesFor(plan: SitePlan): RobotsRule[] {
  const d = (pattern: string): RobotsRule => ({ allow: false, pattern });
  const al = (pattern: string): RobotsRule => ({ allow: true, pattern });
  const s = plan.site;
  switch (s.role) {
    case 'target':
      return [d('/cart'), d('/search'), d('/account/'), al('/account/help')];
    case 'competitor':
      return s.host.startsWith('www.') ? [d('/checkout')] : [d('/c/*?sort=')];
    case 'hub':
      if (s.hubType === 'government') return [d('/internal/')];
      if (s.hubType === 'news') return [d('/search'), d('/*?print=')];
      return [d('/private/')];
    case 'forum':
      return [d('/post-reply'), d('/members/')];
    case 'paid':
      return [d('/advertise$')];
    case 'pbn':
      return [al('/')];
    default: {
      const rules = [d('/wp-admin/'), al('/wp-admin/admin-ajax.php')];
      if (plan.traits.has('wp-replies')) rules.push(d('/*?replytocom='));
      return rules;
    }
  }
}

function robotsBody(plan: SitePlan, rules: RobotsRule[], sitemaps: string[]): string {
  const lines: string[] = [];
  if (plan.site.role === 'pbn' || plan.site.role === 'target') {
    for (const bot of plan.site.role === 'pbn' ? ['AhrefsBot', 'SemrushBot', 'MJ12bot'] : ['AhrefsBot']) lines.push(`User-agent: ${bot}`, 'Disallow: /', '');
  }
  if (plan.site.role === 'forum') lines.push('User-agent: SemrushBot', 'Disallow: /', '');
  lines.push('# Rules for everyone else', 'User-agent: *');
  if (plan.site.crawlDelayMs > 0) lines.push(`Crawl-delay: ${plan.site.crawlDelayMs / 1000}`);
  for (const r of rules) lines.push(`${r.allow ? 'Allow' : 'Disallow'}: ${r.pattern}`);
  if (sitemaps.length > 0) lines.push('');
  for (const sm of sitemaps) lines.push(`Sitemap: ${sm}`);
  return lines.join('\n') + '\n';
}

/** Whether a host announces a sitemap in robots.txt. */
function announcesSitemap(plan: SitePlan): boolean {
  const s = plan.site;
  if (s.robots !== 'rules') return false;
  if (s.role === 'blog') return s.host.charCodeAt(s.host.length - 6) % 2 === 0;
  return s.role !== 'farm';
}

/** robots.txt of every host; `redirectRules` are the rules redirecting hosts inherit. */
export function robotsFor(plan: SitePlan, targetPlan: SitePlan): RobotsSpec {
  const s = plan.site;
  const base = { host: s.host, mode: s.robots, crawlDelayMs: s.crawlDelayMs };
  switch (s.robots) {
    case 'missing-404':
      return { ...base, status: 404, body: 'Not Found\n', rules: [], sitemaps: [] };
    case 'forbidden-403':
      return { ...base, status: 403, body: 'Forbidden\n', rules: [], sitemaps: [] };
    case 'error-500':
      return { ...base, status: 500, body: 'Internal Server Error\n', rules: [{ allow: false, pattern: '/' }], sitemaps: [] };
    case 'redirect':
      return { ...base, status: 301, body: '', location: `http://${targetPlan.site.host}/robots.txt`, rules: rulesFor(targetPlan), sitemaps: [] };
    default: {
      const rules = rulesFor(plan);
      const sitemaps = announcesSitemap(plan) ? [`http://${s.host}/${s.hubType === 'news' ? 'sitemap_index.xml' : 'sitemap.xml'}`] : [];
      return { ...base, status: 200, body: robotsBody(plan, rules, sitemaps), rules, sitemaps };
    }
  }
}

/** Sitemaps of a host: every allowed page; the news site splits them under an index. */
export function sitemapsFor(robots: RobotsSpec, plan: SitePlan, pages: readonly PageModel[]): DemoTruthSitemap[] {
  if (robots.sitemaps.length === 0) return [];
  const origin = `http://${plan.site.host}`;
  const allowed = pages.filter((pg) => pg.kind !== 'utility' && robotsAllows(robots.rules, pg.path)).map((pg) => pg.url);
  if (plan.site.hubType !== 'news') return [{ url: `${origin}/sitemap.xml`, type: 'urlset', locs: allowed }];
  const articles = pages.filter((pg) => pg.kind === 'article').map((pg) => pg.url);
  const rest = allowed.filter((u) => !articles.includes(u));
  return [
    { url: `${origin}/sitemap_index.xml`, type: 'index', locs: [`${origin}/sitemap-articles.xml`, `${origin}/sitemap-sections.xml`] },
    { url: `${origin}/sitemap-articles.xml`, type: 'urlset', locs: articles },
    { url: `${origin}/sitemap-sections.xml`, type: 'urlset', locs: rest },
  ];
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The XML of a sitemap or sitemap index. */
export function sitemapXml(sitemap: DemoTruthSitemap): string {
  const ns = 'http://www.sitemaps.org/schemas/sitemap/0.9';
  if (sitemap.type === 'index') {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${ns}">\n${sitemap.locs.map((l) => `  <sitemap><loc>${xmlEscape(l)}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${ns}">\n${sitemap.locs.map((l) => `  <url><loc>${xmlEscape(l)}</loc></url>`).join('\n')}\n</urlset>\n`;
}

/** The truth's view of a host's robots.txt. */
export function robotsTruth(spec: RobotsSpec): DemoTruthRobots {
  return { host: spec.host, url: `http://${spec.host}/robots.txt`, status: spec.status, mode: spec.mode, crawlDelayMs: spec.crawlDelayMs, sitemaps: spec.sitemaps };
}
