import type { Store } from '../store/index.js';
import { parseReportInput } from '../reports/index.js';
import type { TargetRef } from '../reports/index.js';
import { findContacts, type Contact } from './find-contacts.js';
import { dialectSql } from './internal/dialect-sql.js';
import { prospectContext } from './internal/prospect-context.js';
import { SOURCES, type Candidate } from './internal/sources.js';
import { PROSPECT_SOURCES, SOURCE_KIND, type ProspectKind, type ProspectSource } from './prospect-defaults.js';
import { relevance } from './relevance.js';
import { findProspectsQuery, type FindProspectsQuery } from './schemas/find-prospects-query.js';
import { scoreProspect } from './score-prospect.js';

/** One proposed prospect, with why it was proposed and how it scored. */
export interface ProspectRow {
  source: ProspectSource;
  kind: ProspectKind;
  domain: string;
  /** The page; null for a link gap (a whole domain). */
  url: string | null;
  title: string | null;
  score: number;
  authority: number | null;
  relevance: number;
  /** Audit toxicity 0-100; null when the domain has not been audited. */
  toxicity: number | null;
  explanation: string;
  /** Source-specific facts: deadUrl and anchor, competitorUrl, competitors, term and snippet. */
  details: Record<string, string | number | string[]>;
  /** Pipeline status when the prospect is already saved; null otherwise. */
  status: string | null;
  prospectId: number | null;
  contacts?: Contact[];
}

export interface FindProspectsResult {
  target: TargetRef;
  competitors: TargetRef[];
  sources: ProspectSource[];
  /** Words relevance looked for. */
  words: string[];
  maxToxicity: number;
  /** Candidates left out because their domain's toxicity reached maxToxicity. */
  excludedToxic: number;
  total: number;
  rows: ProspectRow[];
}

/** The key a prospect is stored under: the page URL, or the domain for a link gap. */
export function prospectKey(row: { domain: string; url: string | null }): string {
  return row.url ?? row.domain;
}

/**
 * Find and rank link prospects for a target from the crawled index: link gap, broken links, lost
 * competitor links, unlinked brand mentions and resource pages (see internal/sources.ts for each
 * definition, and scoreProspect for the formula). Domains whose audit toxicity is at least
 * `maxToxicity` are left out; so are pages (domains, for the gap) that already link to the target.
 * @throws NotFoundError for an unknown target; ValidationError naming a bad parameter.
 * @example await findProspects(store, { target: 'acme', competitor: ['widgetworld.test'], source: ['gap', 'broken'] })
 */
export async function findProspects(store: Store, input: FindProspectsQuery): Promise<FindProspectsResult> {
  const q = parseReportInput(findProspectsQuery, input);
  const ctx = await prospectContext(store, q);
  const sources = q.source && q.source.length > 0 ? [...new Set(q.source)] : [...PROSPECT_SOURCES];
  const candidates: Candidate[] = [];
  for (const s of sources) candidates.push(...(await SOURCES[s](store, ctx)));

  const domains = [...new Set(candidates.map((c) => c.domain))];
  const metrics = new Map(
    domains.length === 0
      ? []
      : (await store.all<{ domain: string; authority: number | null; toxicity: number | null }>(`SELECT domain, authority, toxicity FROM domains WHERE ${dialectSql(store.dialect).has('$1', 'domain')}`, [domains])).map((m) => [m.domain, m]),
  );
  const saved = new Map(
    (await store.all<{ id: bigint; kind: string; url: string; status: string }>(`SELECT id, kind, url, status FROM prospects WHERE target_id = $1`, [ctx.target.id])).map((p) => [`${p.kind} ${p.url}`, p]),
  );
  let excludedToxic = 0;
  const rows: ProspectRow[] = [];
  for (const c of candidates) {
    const m = metrics.get(c.domain);
    const toxicity = m?.toxicity ?? null;
    if (toxicity !== null && toxicity >= ctx.maxToxicity) {
      excludedToxic++;
      continue;
    }
    const authority = m?.authority ?? null;
    const rel = relevance(c.blob, ctx.words);
    const kind = SOURCE_KIND[c.source];
    const s = saved.get(`${kind} ${prospectKey(c)}`);
    rows.push({
      source: c.source,
      kind,
      domain: c.domain,
      url: c.url,
      title: c.title,
      score: scoreProspect({ source: c.source, authority, relevance: rel, ...(c.competitorCount === undefined ? {} : { competitorCount: c.competitorCount }) }),
      authority,
      relevance: rel,
      toxicity,
      explanation: c.explanation + (toxicity === null ? '; not audited yet' : ''),
      details: c.details,
      status: s?.status ?? null,
      prospectId: s === undefined ? null : Number(s.id),
    });
  }
  rows.sort((a, b) => b.score - a.score || a.domain.localeCompare(b.domain) || (a.url ?? '').localeCompare(b.url ?? ''));
  const page = rows.slice(0, q.limit);
  if (q.contacts) {
    const byDomain = new Map<string, Contact[]>();
    for (const r of page) {
      if (!byDomain.has(r.domain)) byDomain.set(r.domain, await findContacts(store, r.domain));
      r.contacts = byDomain.get(r.domain) ?? [];
    }
  }
  const ref = (t: { id: number | null; name: string; value: string; scope: TargetRef['scope'] }): TargetRef => ({ id: t.id, name: t.name, value: t.value, scope: t.scope });
  return { target: ref(ctx.target), competitors: ctx.competitors, sources, words: ctx.words, maxToxicity: ctx.maxToxicity, excludedToxic, total: rows.length, rows: page };
}
