/**
 * The main job on the bundled demo web, step by step: serve it on loopback, track the demo shop and
 * its competitors, crawl, rank, audit, report (each checked against the generator's ground truth),
 * then serve the dashboard and API until stopped. Each step calls the same library function as its own command; this file
 * only sequences them and prints what they return.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { DemoTruth } from '../../demo/index.js';
import type { DuckDbStore } from '../../store/index.js';
import type { Progress } from '../progress.js';

export interface RunDemoOptions {
  /** The demo's own folder: its store and truth files. Its store is recreated on every run. */
  dir: string;
  seed: number;
  sites: number;
  pages: number;
  /** Keep serving the dashboard and API after the report, until `signal` aborts. */
  serve: boolean;
  port: number;
  json: boolean;
  quiet: boolean;
}

export interface RunDemoIo {
  out: NodeJS.WritableStream;
  /** Notes and progress. */
  err: NodeJS.WritableStream;
  signal: AbortSignal;
  progress: (extra?: string) => Progress;
  /** Print rows as a table (the CLI's printReport). */
  table: <Row extends object>(rows: readonly Row[], columns: ReadonlyArray<{ key: keyof Row & string; header: string; align?: 'left' | 'right' }>) => void;
}

/** A referring domain of the target as the generator planted it: a live link on a crawlable page. */
function truthRefDomains(truth: DemoTruth): Set<string> {
  return new Set(truth.links.filter((l) => l.onCrawlablePage && l.dstDomain === truth.target && l.srcDomain !== truth.target).map((l) => l.srcDomain));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): { missing: string[]; extra: string[] } {
  return { missing: [...a].filter((x) => !b.has(x)).sort(), extra: [...b].filter((x) => !a.has(x)).sort() };
}

/** Remove the demo's previous store so every run starts from nothing and prints the same numbers. */
function resetDemoStore(dir: string): void {
  for (const name of ['vouch.duckdb', 'vouch.duckdb.wal']) rmSync(path.join(dir, name), { force: true });
}

export async function runDemo(o: RunDemoOptions, io: RunDemoIo): Promise<Record<string, unknown>> {
  const say = (line: string): void => {
    if (!o.quiet && !o.json) io.err.write(line + '\n');
  };
  const print = (line: string): void => {
    if (!o.json) io.out.write(line + '\n');
  };
  const result: Record<string, unknown> = {};
  const { serveDemo } = await import('../../demo/index.js');
  const { openStore } = await import('../../store/index.js');

  resetDemoStore(o.dir);
  const demo = await serveDemo({ dir: o.dir, seed: o.seed, sites: o.sites, pages: o.pages, day: 1, port: o.port });
  const truth = demo.truth.day1;
  let store: DuckDbStore | null = null;
  try {
    say(`1/6 serve   demo web: ${demo.server.hosts.length} hosts on ${demo.server.addresses.join(', ')} port ${demo.server.port}; truth in ${o.dir}`);
    store = await openStore({ dataDir: o.dir });

    const { addTarget } = await import('../../reports/index.js');
    await addTarget(store, { value: truth.target, name: 'acme', brand: truth.brandTerms, keywords: truth.keywords });
    for (const c of truth.competitors) await addTarget(store, { value: c, competitor: true });
    say(`2/6 targets acme = ${truth.target} (own), competitors ${truth.competitors.join(', ')}`);

    const { crawl } = await import('../../crawl/index.js');
    const bar = io.progress('{pages_s} pages/s | queue {queue} | errors {errors}');
    let started = false;
    const crawled = await crawl(
      store,
      { seeds: demo.seeds, resolve: demo.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32, sitemaps: true, fresh: true },
      {
        signal: io.signal,
        onProgress: (p) => {
          if (!started) bar.start(p.pages + p.queued, 'crawl');
          else bar.setTotal(p.pages + p.queued);
          started = true;
          bar.update(p.pages, { pages_s: p.pagesPerSecond.toFixed(0), queue: p.queued, errors: p.errors });
        },
      },
    );
    bar.stop();
    const s = crawled.summary;
    result.crawl = { pages: s.pages, hosts: s.hosts, links: s.links, pagesPerSecond: Math.round(crawled.pagesPerSecond), state: crawled.state };
    say(`3/6 crawl   ${s.pages} pages on ${s.hosts} hosts, ${s.links} links in ${(crawled.elapsedMs / 1000).toFixed(1)} s (${crawled.pagesPerSecond.toFixed(0)} pages/s)`);
    if (crawled.state !== 'done') {
      say('stopped before the crawl finished');
      return result;
    }

    const { rankStore } = await import('../../graph/index.js');
    const ranked = await rankStore(store, {});
    result.rank = { hosts: ranked.hosts.nodes, domains: ranked.domains.nodes, domainEdges: ranked.domains.edges, converged: ranked.domains.converged };
    say(`4/6 rank    ${ranked.hosts.nodes} hosts, ${ranked.domains.nodes} domains, ${ranked.pages.nodes} pages; PageRank ${ranked.domains.converged ? 'converged' : 'did NOT converge'} in ${ranked.domains.iterations} passes`);

    result.audit = await runAudit(store, truth, o, io, print, say);
    result.report = await printReport(store, truth, o, io, print);
    say('6/6 report  done');
    say(`explore it: vouch --data ${o.dir} refdomains acme   (or backlinks, anchors, broken, intersect, history)`);

    if (o.serve && !io.signal.aborted) await serveApi(store, io, print);
    return result;
  } finally {
    await store?.close();
    await demo.server.close();
  }
}

/** Audit the shop's backlinks, compare the flagged domains with the planted spam and PBN, and show the what-if. */
async function runAudit(store: DuckDbStore, truth: DemoTruth, o: RunDemoOptions, io: RunDemoIo, print: (line: string) => void, say: (line: string) => void): Promise<Record<string, unknown>> {
  const { auditTarget, whatIf } = await import('../../audit/index.js');
  const { resolveTarget } = await import('../../reports/index.js');
  const audit = await auditTarget(store, 'acme');
  const bad = new Set(truth.domains.filter((d) => d.class !== 'legit').map((d) => d.domain));
  const hubs = new Set(truth.domains.filter((d) => d.role === 'hub').map((d) => d.domain));
  const flagged = audit.domains.filter((d) => d.toxicity >= audit.threshold);
  const m = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const d of audit.domains) {
    const toxic = d.toxicity >= audit.threshold;
    if (bad.has(d.domain)) m[toxic ? 'tp' : 'fn']++;
    else m[toxic ? 'fp' : 'tn']++;
  }
  const precision = m.tp + m.fp === 0 ? 1 : m.tp / (m.tp + m.fp);
  const recall = m.tp + m.fn === 0 ? 1 : m.tp / (m.tp + m.fn);
  const hubsFlagged = flagged.filter((d) => hubs.has(d.domain)).map((d) => d.domain);
  const target = await resolveTarget(store, 'acme');
  const what = await whatIf(store, target, flagged.map((d) => ({ kind: 'domain' as const, value: d.domain })));
  say(`5/6 audit   ${audit.summary.domains} referring domains scored; ${flagged.length} at toxicity ≥ ${audit.threshold}`);
  print(`\nToxic referring domains (toxicity ≥ ${audit.threshold}); against the planted spam and PBN: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (TP ${m.tp}, FP ${m.fp}, FN ${m.fn}, TN ${m.tn}); hubs flagged: ${hubsFlagged.length === 0 ? 'none' : hubsFlagged.join(', ')}`);
  if (!o.json) io.table(flagged.map((d) => ({ domain: d.domain, planted: truth.domains.find((t) => t.domain === d.domain)?.class ?? 'legit', toxicity: d.toxicity, markers: d.markers.map((x) => x.marker).join(', ') })), [
    { key: 'domain', header: 'domain' },
    { key: 'planted', header: 'planted as' },
    { key: 'toxicity', header: 'toxicity', align: 'right' },
    { key: 'markers', header: 'markers that fired' },
  ]);
  print(`What-if, without those domains: authority ${what.before.authority.toFixed(1)} -> ${what.after.authority.toFixed(1)}, rank among ${what.domains} domains ${what.before.position} -> ${what.after.position} (explain one: vouch --data ${o.dir} audit acme --explain <domain>)`);
  return { threshold: audit.threshold, flagged: flagged.map((d) => d.domain), confusion: m, precision, recall, hubsFlagged, whatIf: { before: what.before, after: what.after } };
}

async function printReport(store: DuckDbStore, truth: DemoTruth, o: RunDemoOptions, io: RunDemoIo, print: (line: string) => void): Promise<Record<string, unknown>> {
  const { refDomains, anchors, brokenBacklinks, linkIntersect, REF_DOMAIN_COLUMNS, INTERSECT_COLUMNS } = await import('../../reports/index.js');
  const all = await refDomains(store, { target: 'acme', limit: 1000 });
  const check = sameSet(truthRefDomains(truth), new Set(all.rows.map((r) => r.domain)));
  const matches = check.missing.length === 0 && check.extra.length === 0;
  print(`\nReferring domains of ${truth.target}: ${all.total} (ground truth: ${truthRefDomains(truth).size}; ${matches ? 'exact match' : `missing ${check.missing.join(', ') || 'none'}, extra ${check.extra.join(', ') || 'none'}`})`);
  const top = (await refDomains(store, { target: 'acme', sort: 'authority', limit: 10 })).rows;
  if (!o.json) io.table(top, REF_DOMAIN_COLUMNS.filter((c) => c.key !== 'toxicity'));

  const anchorReport = await anchors(store, { target: 'acme', limit: 1 });
  print('\nAnchor classes (share of referring-domain/anchor pairs):');
  if (!o.json) io.table(anchorReport.classes.map((c) => ({ ...c, share: `${(c.share * 100).toFixed(1)}%` })), [
    { key: 'class', header: 'class' },
    { key: 'refDomains', header: 'ref. domains', align: 'right' },
    { key: 'links', header: 'links', align: 'right' },
    { key: 'share', header: 'share', align: 'right' },
  ]);
  if (anchorReport.overOptimisation.warning) print(`warning: ${anchorReport.overOptimisation.warning}`);

  const broken = await brokenBacklinks(store, { target: 'acme', limit: 10 });
  print(`\nBroken backlinks to reclaim: ${broken.total} (links to ${truth.target} pages answering 4xx/5xx), best first:`);
  if (!o.json) io.table(broken.rows.map((r) => ({ ...r })), [
    { key: 'sourceUrl', header: 'from' },
    { key: 'targetUrl', header: 'to' },
    { key: 'targetStatus', header: 'status', align: 'right' },
  ]);

  const gap = await linkIntersect(store, { target: 'acme', min: 1, sort: 'competitors', limit: 10 });
  print(`\nLink gap: ${gap.total} domains link to a competitor but not to ${truth.target}:`);
  if (!o.json) io.table(gap.rows, INTERSECT_COLUMNS);
  return {
    refDomains: all.total,
    truthRefDomains: truthRefDomains(truth).size,
    refDomainsMatchTruth: matches,
    missing: check.missing,
    extra: check.extra,
    topRefDomains: top,
    anchorClasses: anchorReport.classes,
    overOptimisation: anchorReport.overOptimisation,
    brokenBacklinks: broken.total,
    linkGap: gap.rows,
  };
}

/** Serve the API over the demo store until Ctrl-C, with a fresh token printed once. */
async function serveApi(store: DuckDbStore, io: RunDemoIo, print: (line: string) => void): Promise<void> {
  const { createApp, startServer, createApiToken } = await import('../../api/index.js');
  const { ensureDashboardBuilt, dashboardLoginUrl } = await import('./ensure-dashboard.js');
  const staticDir = await ensureDashboardBuilt();
  const { token } = await createApiToken(store, { name: 'demo', scope: 'write' });
  const app = createApp({ store, version: 'demo', corsOrigins: [], staticDir });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  try {
    print(`\ndashboard: ${dashboardLoginUrl(server.url, token)}`);
    print(`API: ${server.url}/api/v1 (OpenAPI: ${server.url}/api/v1/openapi.json)`);
    print(`token (shown once): ${token}`);
    print(`try: curl -H 'authorization: Bearer ${token}' ${server.url}/api/v1/targets/acme/refdomains`);
    print('press Ctrl-C to stop');
    if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  } finally {
    await server.close();
  }
}
