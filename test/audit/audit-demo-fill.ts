/**
 * A store ready to audit, on either adapter, without crawling: the small demo web's two days
 * (test/reports/demo-store.ts), pages with the footprints a crawl extracts (IPs, tracking ids,
 * templates, text and language), and a target. Authority comes from `rank` on DuckDB, copied onto
 * the other store, so that both audit the same inputs.
 */
import type { PageRecord } from '../../src/core/types.js';
import { generateDemoWeb } from '../../src/demo/index.js';
import type { DemoTruth } from '../../src/demo/index.js';
import { rankStore } from '../../src/graph/index.js';
import { addTarget } from '../../src/reports/index.js';
import type { SqlParam, Store } from '../../src/store/index.js';
import { DAY1, DAY2, DEMO_OPTIONS, applyDayTwo, pageRecords, writeDay } from '../reports/demo-store.js';

export const AUDIT_TARGET = 'acme';

export interface AuditDemo {
  day1: DemoTruth;
  day2: DemoTruth;
}

export function auditDemo(): AuditDemo {
  return { day1: generateDemoWeb(DEMO_OPTIONS).truth, day2: generateDemoWeb({ ...DEMO_OPTIONS, day: 2 }).truth };
}

/**
 * The truth's pages as a crawl would store them: the site's IP; the PBN's shared analytics ids and
 * template; a public theme on the blogs (many IPs); paid wording on paid posts and on one blog; a
 * foreign language and thin pages on the link farm.
 */
export function footprintPages(truth: DemoTruth, at: Date): PageRecord[] {
  const site = new Map(truth.sites.map((s) => [s.host, s]));
  // A blog that sells posts without marking the links: its followed links sit next to paid wording.
  const sellsPosts = truth.sites.find((s) => s.role === 'blog')?.domain;
  return pageRecords(truth, at).map((p) => {
    const s = site.get(p.host);
    const farm = s?.role === 'farm';
    const paid = p.domain === sellsPosts || (truth.pages.find((t) => t.url === p.url)?.flags.some((f) => f === 'unmarked-paid' || f === 'sponsored-post') ?? false);
    const template = s === undefined ? undefined : s.role === 'pbn' ? 'tpl-pbn-build' : s.role === 'blog' ? 'tpl-public-theme' : `tpl-${p.domain}`;
    return {
      ...p,
      ip: s?.ip ?? null,
      lang: farm ? 'de-DE' : 'en',
      text: paid ? 'Widgets of the week. This sponsored post is brought to you by our partner.' : 'Plain words about widgets and gadgets.',
      wordCount: farm ? 40 : 600,
      trackingIds: s === undefined || s.role === 'target' ? [] : s.role === 'pbn' ? ['G-PBN7C2QK4M', 'ca-pub-4815162342000042'] : [`G-${p.domain.toUpperCase()}`],
      ...(template === undefined ? {} : { templateHash: template }),
    };
  });
}

/** Both days, the footprints, and the target (named AUDIT_TARGET). */
export async function fillAuditDemo(store: Store, demo: AuditDemo): Promise<void> {
  await writeDay(store, demo.day1, DAY1);
  await applyDayTwo(store, demo.day2, DAY2);
  await store.writePages(footprintPages(demo.day2, DAY2));
  await addTarget(store, { value: demo.day1.target, name: AUDIT_TARGET, brand: demo.day1.brandTerms, keywords: demo.day1.keywords });
}

const DOMAIN_COLUMNS = ['domain', 'hosts', 'first_seen', 'pages', 'pagerank', 'harmonic', 'trust', 'spam_mass', 'authority', 'in_degree', 'out_degree', 'ref_domains', 'computed_at'] as const;

/** Rank the DuckDB store with the truth's trust seeds, and copy its domain metrics to `others`. */
export async function rankAndCopy(duck: Store, others: readonly Store[], demo: AuditDemo): Promise<void> {
  await rankStore(duck, { threads: 1, seedNames: demo.day1.trustSeeds, now: DAY2 });
  const rows = await duck.all<Record<string, SqlParam>>(`SELECT ${DOMAIN_COLUMNS.join(', ')} FROM domains ORDER BY domain`);
  for (const to of others) {
    const params: SqlParam[] = [];
    const tuples = rows.map((r) => `(${DOMAIN_COLUMNS.map((c) => {
      params.push(typeof r[c] === 'bigint' ? Number(r[c]) : (r[c] ?? null));
      return `$${params.length}`;
    }).join(', ')})`);
    await to.run(`INSERT INTO ${to.dialect === 'clickhouse' ? 'domains_data' : 'domains'} (${DOMAIN_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
