import { linkRollupStatus } from '../store/index.js';
import type { Store } from '../store/index.js';
import { anchorVocabulary } from './anchor-vocabulary.js';
import { ANCHOR_CLASSES, classifyAnchor } from './classify-anchor.js';
import type { AnchorClass } from './classify-anchor.js';
import { defaultBrandTerms } from './internal/default-brand-terms.js';
import { EXTERNAL_SQL, REL_SQL, stateSql } from './internal/link-sql.js';
import { rollupCounts } from './internal/rollup-counts.js';
import type { RollupCounts } from './internal/rollup-counts.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { anchorsQuery } from './schemas/anchors-query.js';
import type { AnchorsQuery } from './schemas/anchors-query.js';
import type { RelClass } from './schemas/backlinks-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, ReportPage, ReportSource, TargetRef } from './types.js';

export interface AnchorsOptions {
  /**
   * Exact-match share (of referring-domain/anchor pairs) above which the profile is flagged as
   * over-optimised. 0.10 follows common practice since Google's Penguin update: natural profiles
   * are dominated by brand, URL and generic anchors, and keep exact-match anchors to a few percent.
   */
  exactMatchShareThreshold?: number;
}

export const ANCHORS_DEFAULTS = { exactMatchShareThreshold: 0.1 } satisfies Required<AnchorsOptions>;

/** One anchor text (lower-cased) and how it is used. */
export interface AnchorRow {
  anchor: string;
  class: AnchorClass;
  /** Image links are counted apart from text links with the same alt text. */
  image: boolean;
  links: number;
  refDomains: number;
  followedLinks: number;
  /** This anchor's share of all referring-domain/anchor pairs. */
  share: number;
}

export interface AnchorClassShare {
  class: AnchorClass;
  anchors: number;
  links: number;
  /** Referring-domain/anchor pairs: a sitewide link counts once per domain. */
  refDomains: number;
  /** Share of all referring-domain/anchor pairs (0-1). */
  share: number;
  /** Share of all links (0-1). */
  linkShare: number;
}

export interface AnchorsResult extends ReportPage<AnchorRow> {
  /** Where the counts came from: the link rollup (when current, see linkRollupStatus) or the links table. */
  source: ReportSource;
  classes: AnchorClassShare[];
  brandTerms: string[];
  keywords: string[];
  overOptimisation: { exactMatchShare: number; threshold: number; warning: string | null };
}

export const ANCHOR_COLUMNS: readonly ReportColumn<AnchorRow>[] = [
  { key: 'anchor', header: 'anchor' },
  { key: 'class', header: 'class' },
  { key: 'refDomains', header: 'domains', align: 'right' },
  { key: 'links', header: 'links', align: 'right' },
  { key: 'followedLinks', header: 'followed', align: 'right' },
  { key: 'share', header: 'share', align: 'right' },
];

/**
 * From the link rollup: its rows are already (anchor, domain) pairs, so a target's profile is one
 * small aggregate over the pairs that have a matching link.
 */
function rollupAnchorsSql(domain: string, c: RollupCounts): [string, SqlBuilder['params']] {
  const b = new SqlBuilder();
  return [
    `SELECT anchor, image, sum(n) AS links, count(*) AS ref_domains, sum(f) AS followed_links
     FROM (SELECT r.anchor, r.image, ${c.links} AS n, ${c.followed} AS f FROM link_rollup_anchors r WHERE r.dst_domain = ${b.p(domain)}) AS pairs
     WHERE n > 0
     GROUP BY anchor, image`,
    b.params,
  ];
}

function liveAnchorsSql(ref: TargetRef, q: { state: 'live' | 'lost' | 'all'; rel?: readonly RelClass[] | undefined }, store: Store): [string, SqlBuilder['params']] {
  const b = new SqlBuilder(store.dialect);
  const where = [scopeSql(ref, b), EXTERNAL_SQL, stateSql(q.state), `l.kind IN ('a', 'img')`];
  if (q.rel) where.push(`(${q.rel.map((r) => REL_SQL[r]).join(' OR ')})`);
  // Counted per (anchor, domain) pair first, then per anchor: one hash table of pairs instead of a
  // grouped DISTINCT, which keeps a set of domains inside every anchor's group (measured 5–15%
  // faster on a target with 1M backlinks).
  return [
    `SELECT anchor, image, sum(n) AS links, count(*) AS ref_domains, sum(f) AS followed_links
     FROM (
       SELECT lower(l.anchor) AS anchor, ${b.bool(`l.kind = 'img'`)} AS image, l.src_domain, count(*) AS n,
         count(*) FILTER (WHERE ${REL_SQL.follow}) AS f
       FROM links l WHERE ${where.join(' AND ')}
       GROUP BY ALL
     ) AS pairs
     GROUP BY anchor, image`,
    b.params,
  ];
}

interface Row {
  anchor: string;
  image: boolean;
  links: bigint;
  ref_domains: bigint;
  followed_links: bigint;
}

/**
 * The anchor-text profile of a target: each anchor with its class (see classifyAnchor), the share
 * of each class, and an over-optimisation warning when exact-match anchors pass the threshold.
 * Shares count referring-domain/anchor pairs, so one sitewide footer link does not swamp the profile.
 * Brand terms default to the target's domain name when none are stored.
 * A domain-scoped target is counted from the link rollup while it is current (docs/link-rollup.md),
 * with the same result as from the links table; `source` says which.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 */
export async function anchors(store: Store, input: AnchorsQuery, options: AnchorsOptions = {}): Promise<AnchorsResult> {
  const { exactMatchShareThreshold } = { ...ANCHORS_DEFAULTS, ...options };
  const q = parseReportInput(anchorsQuery, input);
  const target = await resolveTarget(store, q.target);
  const ref = targetRef(target);
  const brandTerms = [...new Set([...(target.brandTerms.length > 0 ? target.brandTerms : defaultBrandTerms(ref)), ...(q.brand ?? [])].map((t) => t.toLowerCase()))];
  const keywords = [...new Set([...target.keywords, ...(q.keywords ?? [])].map((t) => t.toLowerCase()))];
  const vocabulary = anchorVocabulary(brandTerms, keywords);

  const fromRollup = target.scope === 'domain' ? rollupCounts(q.state, q.rel) : null;
  const source: ReportSource = fromRollup !== null && (await linkRollupStatus(store)).current ? 'rollup' : 'links';
  const rows = await store.all<Row>(...(source === 'rollup' && fromRollup !== null ? rollupAnchorsSql(ref.value, fromRollup) : liveAnchorsSql(ref, q, store)));

  const pairs = rows.reduce((n, r) => n + Number(r.ref_domains), 0);
  const linkTotal = rows.reduce((n, r) => n + Number(r.links), 0);
  const all: AnchorRow[] = rows.map((r) => ({
    anchor: r.anchor,
    class: classifyAnchor(r.anchor, vocabulary, r.image),
    image: r.image,
    links: Number(r.links),
    refDomains: Number(r.ref_domains),
    followedLinks: Number(r.followed_links),
    share: pairs === 0 ? 0 : Number(r.ref_domains) / pairs,
  }));

  const classes: AnchorClassShare[] = ANCHOR_CLASSES.map((c) => {
    const of = all.filter((a) => a.class === c);
    const refDomainPairs = of.reduce((n, a) => n + a.refDomains, 0);
    const links = of.reduce((n, a) => n + a.links, 0);
    return { class: c, anchors: of.length, links, refDomains: refDomainPairs, share: pairs === 0 ? 0 : refDomainPairs / pairs, linkShare: linkTotal === 0 ? 0 : links / linkTotal };
  });
  const exactMatchShare = classes.find((c) => c.class === 'exact-match')?.share ?? 0;
  const warning =
    exactMatchShare > exactMatchShareThreshold
      ? `Exact-match anchors make up ${(exactMatchShare * 100).toFixed(1)}% of the anchor profile (threshold ${(exactMatchShareThreshold * 100).toFixed(0)}%): the profile looks over-optimised.`
      : null;

  const search = q.search?.toLowerCase();
  const wanted = all.filter((a) => (q.class === undefined || q.class.includes(a.class)) && (search === undefined || a.anchor.includes(search)));
  const sign = q.order === 'desc' ? -1 : 1;
  wanted.sort((x, y) => {
    const primary = q.sort === 'anchor' ? x.anchor.localeCompare(y.anchor) : q.sort === 'links' ? x.links - y.links : x.refDomains - y.refDomains || x.links - y.links;
    return sign * primary || x.anchor.localeCompare(y.anchor) || Number(x.image) - Number(y.image);
  });
  return {
    target: ref,
    total: wanted.length,
    limit: q.limit,
    offset: q.offset,
    rows: wanted.slice(q.offset, q.offset + q.limit),
    classes,
    brandTerms,
    keywords,
    overOptimisation: { exactMatchShare, threshold: exactMatchShareThreshold, warning },
    source,
  };
}
