/**
 * The demo web: a deterministic, seeded web of fictional `.test` sites with a realistic backlink
 * profile around one target shop, and its ground truth. See DESIGN.md, "The demo web".
 */
import { tryCanonicalizeUrl } from '../core/canonicalize-url.js';
import { ValidationError } from '../core/errors.js';
import type { DemoResponse, DemoSite, DemoTruthLink, DemoTruthSitemap, DemoWeb, DemoWebOptions } from './types.js';
import { DEMO_WEB_DEFAULTS } from './demo-web-defaults.js';
import { buildDayOne } from './internal/build-web.js';
import type { PageModel } from './internal/model.js';
import { computeTruth, pageLinks } from './internal/compute-truth.js';
import { applyDayTwo } from './internal/day-two.js';
import { diffTruth } from './internal/diff-truth.js';
import { MIN_SITES, planWeb } from './internal/plan-web.js';
import { errorBody, renderPageBytes } from './internal/render-html.js';
import { robotsFor, sitemapsFor, sitemapXml, type RobotsSpec } from './internal/robots-sitemaps.js';
import { sanitizePage } from './internal/sanitize-page.js';
import type { WebDraft } from './internal/web-draft.js';
import type { DemoTruth, DemoTruthPageChange } from './types.js';
import { prospectTruth } from './internal/prospect-truth.js';

export { DEMO_WEB_DEFAULTS };

/** Fewest domains a demo web can have: every feature needs a site of its own. */
export const DEMO_MIN_SITES = MIN_SITES;
export const DEMO_MAX_SITES = 1000;
export const DEMO_MIN_PAGES = 100;
export const DEMO_MAX_PAGES = 200_000;

function validate(options: DemoWebOptions): Required<DemoWebOptions> {
  const o: Required<DemoWebOptions> = {
    seed: options.seed ?? DEMO_WEB_DEFAULTS.seed,
    sites: options.sites ?? DEMO_WEB_DEFAULTS.sites,
    pages: options.pages ?? DEMO_WEB_DEFAULTS.pages,
    day: options.day ?? DEMO_WEB_DEFAULTS.day,
  };
  const issues: { where: string; message: string }[] = [];
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) issues.push({ where: 'seed', message: 'an integer from 0 to 2^32-1' });
  if (!Number.isInteger(o.sites) || o.sites < DEMO_MIN_SITES || o.sites > DEMO_MAX_SITES) issues.push({ where: 'sites', message: `an integer from ${DEMO_MIN_SITES} to ${DEMO_MAX_SITES}` });
  if (!Number.isInteger(o.pages) || o.pages < DEMO_MIN_PAGES || o.pages > DEMO_MAX_PAGES) issues.push({ where: 'pages', message: `an integer from ${DEMO_MIN_PAGES} to ${DEMO_MAX_PAGES}` });
  if (o.day !== 1 && o.day !== 2) issues.push({ where: 'day', message: '1 or 2' });
  if (issues.length > 0) throw new ValidationError(`invalid demo web options: ${issues.map((i) => `${i.where} must be ${i.message}`).join('; ')}`, issues);
  return o;
}

/** Explicit 301s for every linked URL (and the home page) of hosts that redirect everything. */
function materializeRedirects(draft: WebDraft, sites: readonly DemoSite[], links: Map<string, DemoTruthLink[]>): void {
  const redirecting = new Map(sites.filter((s) => s.redirectAll !== null).map((s) => [s.host, s]));
  const wanted = new Set<string>([...redirecting.keys()].map((h) => `http://${h}/`));
  for (const list of links.values()) for (const link of list) if (redirecting.has(link.dstHost)) wanted.add(link.dstUrl);
  for (const sp of draft.specials.values()) {
    const dst = sp.location === undefined ? null : tryCanonicalizeUrl(sp.location, sp.url);
    if (dst !== null) wanted.add(dst);
  }
  for (const url of wanted) {
    const u = new URL(url);
    const site = redirecting.get(u.hostname);
    if (site?.redirectAll == null || draft.pages.has(url) || draft.specials.has(url)) continue;
    const r = site.redirectAll;
    draft.specials.set(url, { url, status: r.status, location: r.toOrigin + (r.keepPath ? u.pathname + u.search : '/'), flags: [site.role === 'expired' ? 'expired-domain' : 'host-redirect'] });
  }
}

function text(status: number, body: string, contentType: string, delayMs: number): DemoResponse {
  return { status, headers: { 'content-type': contentType }, body: Buffer.from(body, 'utf8'), delayMs };
}

/**
 * Generate the demo web for one day. The same options give the same bytes, every time.
 * @throws ValidationError (INVALID_INPUT) on options out of range.
 * @example
 * const web = generateDemoWeb({ seed: 7, sites: 20, pages: 300 });
 * web.responses.get('http://www.acme-shop.test/')?.status // 200
 * web.truth.links.filter((l) => l.dstDomain === web.truth.target && l.onCrawlablePage)
 */
export function generateDemoWeb(options: DemoWebOptions = {}): DemoWeb {
  const opts = validate(options);
  const plan = planWeb(opts.seed, opts.sites, opts.pages);
  const { draft, ctx } = buildDayOne(opts.seed, plan);
  let changes: DemoTruthPageChange[] = [];
  if (opts.day === 2) changes = applyDayTwo(draft, ctx);
  const links = new Map<string, DemoTruthLink[]>();
  for (const page of draft.pages.values()) {
    sanitizePage(page);
    links.set(page.url, pageLinks(page));
  }
  const sites = plan.plans.filter((p) => p.site.sinceDay <= opts.day).map((p) => p.site);
  materializeRedirects(draft, sites, links);

  const robots = new Map<string, RobotsSpec>();
  const sitemaps: DemoTruthSitemap[] = [];
  const pagesByHost = new Map<string, PageModel[]>();
  for (const page of draft.pages.values()) {
    const list = pagesByHost.get(page.host);
    if (list) list.push(page);
    else pagesByHost.set(page.host, [page]);
  }
  for (const p of plan.plans) {
    if (p.site.sinceDay > opts.day) continue;
    const spec = robotsFor(p, plan.target);
    robots.set(p.site.host, spec);
    sitemaps.push(...sitemapsFor(spec, p, pagesByHost.get(p.site.host) ?? []));
  }

  const responses = new Map<string, DemoResponse>();
  const delayOf = new Map(sites.map((s) => [s.host, s.delayMs]));
  for (const spec of robots.values()) {
    const r = text(spec.status, spec.body, 'text/plain; charset=utf-8', delayOf.get(spec.host) ?? 0);
    if (spec.location !== undefined) r.headers.location = spec.location;
    responses.set(`http://${spec.host}/robots.txt`, r);
  }
  for (const sm of sitemaps) responses.set(sm.url, text(200, sitemapXml(sm), 'application/xml', delayOf.get(new URL(sm.url).hostname) ?? 0));
  for (const page of draft.pages.values()) {
    const headers: Record<string, string> = { 'content-type': page.contentType, ...page.headers };
    responses.set(page.url, { status: 200, headers, body: renderPageBytes(page), delayMs: page.site.delayMs });
  }
  for (const sp of draft.specials.values()) {
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', ...sp.headers };
    if (sp.location !== undefined) headers.location = sp.location;
    const body = sp.location !== undefined ? Buffer.from(`<!doctype html><title>${sp.status} Moved</title><p>This page has moved.</p>\n`, 'utf8') : errorBody(sp.status);
    responses.set(sp.url, { status: sp.status, headers, body, delayMs: delayOf.get(new URL(sp.url).hostname) ?? 0 });
  }

  const base = computeTruth({ pageLinks: links, web: plan, day: opts.day, sites, draft, robots, sitemaps });
  const truth: DemoTruth = { ...base, prospects: [], contacts: [], contactDecoys: [] };
  if (opts.day === 2) truth.diff = diffTruth(generateDemoWeb({ ...opts, day: 1 }).truth, truth, changes);
  Object.assign(truth, prospectTruth(truth, plan, draft));
  return { options: opts, sites, responses, truth };
}
