import { InvalidArgumentError, type Command } from 'commander';
import { NotFoundError } from '../../core/errors.js';
import type { AuditResult, DomainAudit, WhatIfResult } from '../../audit/index.js';
import { globalsOf } from '../globals.js';
import { formatOf, printReport, type Column } from '../output.js';
import { withAnyStore } from '../with-store.js';

interface AuditFlags {
  keywords?: string[];
  threshold: number;
  whatIf?: boolean;
  spamList?: string[];
  minToxicity?: number;
  limit?: number;
  whitelist?: string[];
  blacklist?: string[];
  unlist?: string[];
  links?: boolean;
  explain?: string;
  csv?: boolean;
}

interface LinkRow {
  source: string;
  target: string;
  anchor: string;
  kind: string;
  followed: boolean;
  toxicity: number;
  markers: string;
}

const LINK_COLUMNS: Column<LinkRow>[] = [
  { key: 'source', header: 'Source URL' },
  { key: 'target', header: 'Target URL' },
  { key: 'anchor', header: 'Anchor' },
  { key: 'kind', header: 'Kind' },
  { key: 'followed', header: 'Followed' },
  { key: 'toxicity', header: 'Toxicity', align: 'right', format: (v) => (v as number).toFixed(1) },
  { key: 'markers', header: 'Markers' },
];

interface AuditRow {
  domain: string;
  toxicity: number;
  authority: number | null;
  links: number;
  followed: number;
  override: string | null;
  markers: string;
}

const COLUMNS: Column<AuditRow>[] = [
  { key: 'domain', header: 'Referring domain' },
  { key: 'toxicity', header: 'Toxicity', align: 'right', format: (v) => (v as number).toFixed(1) },
  { key: 'authority', header: 'Authority', align: 'right', format: (v) => (v === null ? '-' : (v as number).toFixed(0)) },
  { key: 'links', header: 'Links', align: 'right' },
  { key: 'followed', header: 'Followed', align: 'right' },
  { key: 'override', header: 'Override' },
  { key: 'markers', header: 'Markers (effective weight)' },
];

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 100)) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
}

function count(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}

/** Comma-separated or repeated values. */
function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v.length > 0)];
}

function row(d: DomainAudit): AuditRow {
  return {
    domain: d.domain,
    toxicity: d.toxicity,
    authority: d.authority === null ? null : Math.round(d.authority * 10) / 10,
    links: d.links,
    followed: d.followedLinks,
    override: d.override,
    markers: d.markers.map((m) => `${m.marker} ${m.effective}`).join(', '),
  };
}

/** Every marker of one domain with its weight, strength, effective weight and evidence. */
function explainText(d: DomainAudit): string {
  const lines = [`${d.domain}: toxicity ${d.toxicity}${d.override ? ` (${d.override}; computed ${d.computedToxicity})` : ''} = 100 x (1 - product of (1 - effective))`];
  for (const m of d.markers) lines.push(`  ${m.marker}: weight ${m.weight} x strength ${Math.round(m.strength * 1000) / 1000} x hint factor = ${m.effective}`, `    ${JSON.stringify(m.evidence)}`);
  if (d.markers.length === 0) lines.push('  no marker fired');
  return lines.join('\n') + '\n';
}

function whatIfText(r: WhatIfResult): string {
  const f = (x: number): string => x.toPrecision(4);
  return [
    `What-if for ${r.domain}: without ${r.removedLinks} followed link(s), ${r.removedDomains} referring domain edge(s) gone`,
    `  authority        ${r.before.authority.toFixed(1)} -> ${r.after.authority.toFixed(1)}`,
    `  pagerank         ${f(r.before.pagerank)} -> ${f(r.after.pagerank)}`,
    `  position         ${r.before.position} -> ${r.after.position} of ${r.domains} domains`,
    `  followed ref. domains ${r.before.followedReferringDomains} -> ${r.after.followedReferringDomains}`,
    '',
  ].join('\n');
}

/** `vouch audit <target>`: toxicity 0-100 per referring domain with the markers behind it; --what-if shows the authority without the toxic links. */
export function registerAudit(program: Command): void {
  program
    .command('audit <target>')
    .description('score every referring domain of a target for toxicity 0-100, with the markers and evidence behind each score')
    .option('--keywords <words>', 'commercial keywords for exact-match anchors, comma-separated or repeated (default: the target\'s)', list)
    .option('--threshold <n>', 'toxicity from which a domain counts as toxic', score, 70)
    .option('--what-if', 'also recompute the target\'s authority without the disavowed links and the domains at or above the threshold')
    .option('--spam-list <file>', 'a list of spam domains to add to the bundled one (repeatable)', list)
    .option('--min-toxicity <n>', 'print only domains at least this toxic', score)
    .option('--limit <n>', 'print at most n domains (default all)', count)
    .option('--whitelist <domains>', 'never flag these domains for this target (kept across audits)', list)
    .option('--blacklist <domains>', 'always flag these domains for this target (kept across audits)', list)
    .option('--unlist <domains>', 'take these domains off the whitelist and blacklist', list)
    .option('--links', 'one row per link (with its own toxicity and markers) instead of per domain')
    .option('--explain <domain>', 'print every marker of one referring domain with its weight and evidence')
    .option('--csv', 'print CSV')
    .action(async (target: string, flags: AuditFlags, command: Command) => {
      const globals = globalsOf(command);
      const format = formatOf({ json: globals.json, csv: flags.csv });
      const audit = await import('../../audit/index.js');
      const { resolveTarget } = await import('../../reports/index.js');
      await withAnyStore(command, async (store) => {
        const t = await resolveTarget(store, target);
        if (flags.unlist) await audit.removeOverrides(store, t.id, flags.unlist);
        if (flags.whitelist) await audit.setOverrides(store, t.id, 'whitelist', flags.whitelist);
        if (flags.blacklist) await audit.setOverrides(store, t.id, 'blacklist', flags.blacklist);
        const result: AuditResult = await audit.auditTarget(store, target, { keywords: flags.keywords ?? null, threshold: flags.threshold, spamLists: flags.spamList ?? [] });
        let whatIf: WhatIfResult | null = null;
        if (flags.whatIf) {
          const toxic = result.domains.filter((d) => d.toxicity >= flags.threshold).map((d) => ({ kind: 'domain' as const, value: d.domain }));
          const stored = await audit.listDisavowEntries(store, t.id);
          whatIf = await audit.whatIf(store, t, [...toxic, ...stored.map((e) => ({ kind: e.kind, value: e.value }))]);
        }
        if (flags.explain !== undefined) {
          const name = audit.normaliseDomain(flags.explain);
          const d = result.domains.find((x) => x.domain === name);
          if (!d) throw new NotFoundError(`${name} does not link to ${result.target.name}`);
          if (format === 'json') process.stdout.write(JSON.stringify(d, null, 2) + '\n');
          else process.stdout.write(explainText(d));
          return;
        }
        let shown = result.domains.filter((d) => flags.minToxicity === undefined || d.toxicity >= flags.minToxicity);
        if (flags.links) {
          let links = shown.flatMap((d) => d.linkScores).filter((l) => flags.minToxicity === undefined || l.toxicity >= flags.minToxicity);
          links.sort((a, b) => b.toxicity - a.toxicity || a.srcUrl.localeCompare(b.srcUrl));
          if (flags.limit !== undefined) links = links.slice(0, flags.limit);
          const rows = links.map((l) => ({ source: l.srcUrl, target: l.dstUrl, anchor: l.anchor, kind: l.kind, followed: l.followed, toxicity: l.toxicity, markers: l.markers.join(', ') }));
          printReport(rows, LINK_COLUMNS, { format, payload: links });
          return;
        }
        if (flags.limit !== undefined) shown = shown.slice(0, flags.limit);
        if (format === 'json') {
          printReport(shown.map(row), COLUMNS, { format, payload: { ...result, domains: shown, ...(whatIf ? { whatIf } : {}) } });
          return;
        }
        printReport(shown.map(row), COLUMNS, { format });
        if (format === 'table' && !globals.quiet) {
          const s = result.summary;
          process.stdout.write(`${s.domains} referring domains, ${s.toxic} at or above toxicity ${result.threshold}; ${s.links} links, ${s.toxicLinks} toxic\n`);
        }
        if (whatIf && format === 'table') process.stdout.write(whatIfText(whatIf));
        else if (whatIf) process.stderr.write(whatIfText(whatIf));
      });
    });
}
