/**
 * The five prospect sources. Each returns candidates before toxicity, authority and scoring (see
 * findProspects). "Links to the target" means any live link, of any kind, to the target's
 * registrable domain; the target's and the competitors' own domains are never candidates.
 */
import { linkIntersect } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import { PROSPECT_DEFAULTS, type ProspectSource } from '../prospect-defaults.js';
import { dialectSql } from './dialect-sql.js';
import type { ProspectContext } from './prospect-context.js';

export interface Candidate {
  source: ProspectSource;
  domain: string;
  /** The page; null for a link gap (a whole domain). */
  url: string | null;
  title: string | null;
  /** Text relevance is measured on: title, page text, anchors. */
  blob: string;
  explanation: string;
  details: Record<string, string | number | string[]>;
  competitorCount?: number;
}

/**
 * The page `srcExpr` has no live link, of any kind, to the target's domain (named parameter $target).
 * ClickHouse gets the uncorrelated form: correlated subqueries are new there (25.x), a set is not.
 */
function notLinkingTarget(store: Store, srcExpr: string): string {
  return store.dialect === 'clickhouse'
    ? `${srcExpr} NOT IN (SELECT src_url FROM links WHERE lost_at IS NULL AND dst_domain = $target)`
    : `NOT EXISTS (SELECT 1 FROM links t WHERE t.src_url = ${srcExpr} AND t.lost_at IS NULL AND t.dst_domain = $target)`;
}
const OK_PAGE = (alias: string): string => `${alias}.status BETWEEN 200 AND 299`;

/** Domains that link (live) to at least one competitor and not to the target: the intersect report. */
export async function gapCandidates(store: Store, ctx: ProspectContext): Promise<Candidate[]> {
  if (ctx.competitors.length === 0) return [];
  const rows: { domain: string; competitors: string[]; links: number }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await linkIntersect(store, { target: String(ctx.target.id), competitor: ctx.competitors.map((c) => c.value), min: 1, limit: 1000, offset });
    rows.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  const names = new Map(ctx.competitors.map((c) => [c.value, c.name]));
  const wanted = rows.filter((r) => !ctx.excluded.includes(r.domain));
  if (wanted.length === 0) return [];
  const f = dialectSql(store.dialect);
  const blobs = new Map(
    (
      await store.all<{ domain: string; blob: string | null }>(
        `SELECT l.src_domain AS domain, ${f.joinTexts(`coalesce(p.title, '') || ' ' || l.anchor`, true)} AS blob
         FROM links l LEFT JOIN pages p ON p.url = l.src_url
         WHERE l.lost_at IS NULL AND ${f.has('$1', 'l.src_domain')} AND ${f.has('$2', 'l.dst_domain')}
         GROUP BY l.src_domain`,
        [wanted.map((r) => r.domain), ctx.competitorDomains],
      )
    ).map((r) => [r.domain, r.blob ?? '']),
  );
  return wanted.map((r) => {
    const comps = r.competitors.map((c) => names.get(c) ?? c);
    return {
      source: 'gap',
      domain: r.domain,
      url: null,
      title: null,
      blob: blobs.get(r.domain) ?? '',
      explanation: `links to ${comps.join(', ')} (${r.links} live link${r.links === 1 ? '' : 's'}) but not to ${ctx.targetDomain}`,
      details: { competitors: comps, links: r.links },
      competitorCount: r.competitors.length,
    };
  });
}

/** Pages that link to a dead URL (4xx/5xx, or a network failure) outside the target. */
export async function brokenCandidates(store: Store, ctx: ProspectContext): Promise<Candidate[]> {
  const f = dialectSql(store.dialect);
  const rows = await store.all<{ src_url: string; domain: string; dead_url: string; anchor: string; dead_status: number; dead_error: string | null; title: string | null; text: string | null }>(
    `SELECT l.src_url AS src_url, l.src_domain AS domain, l.dst_url AS dead_url, min(l.anchor) AS anchor, any_value(d.status) AS dead_status, any_value(d.error) AS dead_error,
       any_value(s.title) AS title, any_value(${f.left('s.text', 5000)}) AS text
     FROM links l JOIN pages d ON d.url = l.dst_url LEFT JOIN pages s ON s.url = l.src_url
     WHERE l.lost_at IS NULL AND l.kind IN ('a', 'img') AND l.src_domain <> l.dst_domain AND l.dst_domain <> $target
       AND NOT ${f.has('$excluded', 'l.src_domain')}
       AND (d.status >= 400 OR (d.status = 0 AND d.error IN ('NETWORK', 'TIMEOUT')))
       AND (s.url IS NULL OR ${OK_PAGE('s')})
       AND ${notLinkingTarget(store, 'l.src_url')}
     GROUP BY l.src_url, l.src_domain, l.dst_url`,
    { target: ctx.targetDomain, excluded: ctx.excluded },
  );
  return rows.map((r) => {
    const dead = r.dead_status === 0 ? (r.dead_error ?? 'unreachable') : `HTTP ${r.dead_status}`;
    return {
      source: 'broken',
      domain: r.domain,
      url: r.src_url,
      title: r.title,
      blob: `${r.title ?? ''} ${r.text ?? ''} ${r.anchor}`,
      explanation: `links to ${r.dead_url} (${dead}) with the anchor "${r.anchor}": suggest your page as the replacement`,
      details: { deadUrl: r.dead_url, anchor: r.anchor, deadStatus: r.dead_status },
    };
  });
}

/** Pages that still answer but no longer link to a competitor. */
export async function lostCandidates(store: Store, ctx: ProspectContext): Promise<Candidate[]> {
  if (ctx.competitorDomains.length === 0) return [];
  const f = dialectSql(store.dialect);
  // The page links to that URL no more: no live link of any kind or anchor from it to it.
  const gone =
    store.dialect === 'clickhouse'
      ? `(l.src_url, l.dst_url) NOT IN (SELECT src_url, dst_url FROM links WHERE lost_at IS NULL AND has($competitors, dst_domain))`
      : `NOT EXISTS (SELECT 1 FROM links k WHERE k.src_url = l.src_url AND k.dst_url = l.dst_url AND k.lost_at IS NULL)`;
  const rows = await store.all<{ src_url: string; domain: string; competitor_url: string; anchor: string; lost_at: Date; title: string | null; text: string | null }>(
    `SELECT l.src_url AS src_url, l.src_domain AS domain, l.dst_url AS competitor_url, min(l.anchor) AS anchor, max(l.lost_at) AS lost_at, any_value(s.title) AS title,
       any_value(${f.left('s.text', 5000)}) AS text
     FROM links l JOIN pages s ON s.url = l.src_url
     WHERE l.lost_at IS NOT NULL AND ${f.has('$competitors', 'l.dst_domain')} AND NOT ${f.has('$excluded', 'l.src_domain')}
       AND ${OK_PAGE('s')} AND ${notLinkingTarget(store, 'l.src_url')} AND ${gone}
     GROUP BY l.src_url, l.src_domain, l.dst_url`,
    { target: ctx.targetDomain, excluded: ctx.excluded, competitors: ctx.competitorDomains },
  );
  return rows.map((r) => ({
    source: 'lost',
    domain: r.domain,
    url: r.src_url,
    title: r.title,
    blob: `${r.title ?? ''} ${r.text ?? ''} ${r.anchor}`,
    explanation: `dropped its link to ${r.competitor_url} ("${r.anchor}") on ${r.lost_at.toISOString().slice(0, 10)} while the page stays: it may take an alternative`,
    details: { competitorUrl: r.competitor_url, anchor: r.anchor, lostAt: r.lost_at.toISOString() },
  }));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pages whose title or text names a brand term and that do not link to the target. */
export async function mentionCandidates(store: Store, ctx: ProspectContext): Promise<Candidate[]> {
  if (ctx.brandTerms.length === 0) return [];
  const pattern = `(^|[^a-z0-9])(${ctx.brandTerms.map(escapeRe).join('|')})([^a-z0-9]|$)`;
  const f = dialectSql(store.dialect);
  const rows = await store.all<{ url: string; domain: string; title: string | null; text: string | null }>(
    `SELECT p.url AS url, p.domain AS domain, p.title AS title, ${f.left('p.text', 20000)} AS text
     FROM pages p
     WHERE ${OK_PAGE('p')} AND NOT ${f.has('$excluded', 'p.domain')}
       AND ${f.matches(f.lower(`coalesce(p.title, '') || ' ' || coalesce(p.text, '')`), '$pattern')}
       AND ${notLinkingTarget(store, 'p.url')}`,
    { target: ctx.targetDomain, excluded: ctx.excluded, pattern },
  );
  const re = new RegExp(pattern);
  return rows.map((r) => {
    const hay = `${r.title ?? ''} ${r.text ?? ''}`.toLowerCase();
    const m = re.exec(hay);
    const at = m?.index ?? 0;
    const snippet = `${r.title ?? ''} ${r.text ?? ''}`.slice(Math.max(0, at - 40), at + 60).replace(/\s+/g, ' ').trim();
    return {
      source: 'mention',
      domain: r.domain,
      url: r.url,
      title: r.title,
      blob: hay,
      explanation: `mentions "${m?.[2] ?? ctx.brandTerms[0]}" without linking to ${ctx.targetDomain}: "…${snippet}…"`,
      details: { term: m?.[2] ?? '', snippet },
    };
  });
}

/** Pages titled like a links page, with many outbound links, one of them to a competitor. */
export async function resourceCandidates(store: Store, ctx: ProspectContext, minDomains: number = PROSPECT_DEFAULTS.resourceMinDomains): Promise<Candidate[]> {
  if (ctx.competitorDomains.length === 0) return [];
  const f = dialectSql(store.dialect);
  // NOTE: the join's other conditions sit in WHERE (the same for an inner join): older ClickHouse takes only equalities in ON.
  const rows = await store.all<{ url: string; domain: string; title: string; domains: bigint; anchors: string; text: string | null }>(
    `SELECT p.url AS url, p.domain AS domain, p.title AS title, count(DISTINCT l.dst_domain) AS domains, ${f.joinTexts('l.anchor')} AS anchors,
       any_value(${f.left('p.text', 5000)}) AS text
     FROM pages p JOIN links l ON l.src_url = p.url
     WHERE l.lost_at IS NULL AND l.kind = 'a' AND l.dst_domain <> p.domain
       AND ${OK_PAGE('p')} AND NOT ${f.has('$excluded', 'p.domain')} AND ${f.matches(`coalesce(p.title, '')`, '$title', true)}
       AND ${notLinkingTarget(store, 'p.url')}
     GROUP BY p.url, p.domain, p.title
     HAVING count(DISTINCT l.dst_domain) >= $min AND ${f.anyTrue(f.has('$competitors', 'l.dst_domain'))}`,
    { target: ctx.targetDomain, excluded: ctx.excluded, competitors: ctx.competitorDomains, title: PROSPECT_DEFAULTS.resourceTitle, min: minDomains },
  );
  return rows.map((r) => ({
    source: 'resource',
    domain: r.domain,
    url: r.url,
    title: r.title,
    blob: `${r.title} ${r.text ?? ''} ${r.anchors}`,
    explanation: `resource page "${r.title}" links to ${Number(r.domains)} other domains, competitors among them, but not to ${ctx.targetDomain}`,
    details: { outboundDomains: Number(r.domains) },
  }));
}

export const SOURCES: Record<ProspectSource, (store: Store, ctx: ProspectContext) => Promise<Candidate[]>> = {
  gap: gapCandidates,
  broken: brokenCandidates,
  lost: lostCandidates,
  mention: mentionCandidates,
  resource: resourceCandidates,
};
