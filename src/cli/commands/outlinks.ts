import type { Command } from 'commander';
import { addReportOptions, printReportCommand } from '../internal/report-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch outlinks <site>`: where a site links out to, and who links back. Flags mirror src/reports/schemas/outlinks-query.ts. */
export function registerOutlinks(program: Command): void {
  const command = program
    .command('outlinks <site>')
    .description('list the external links going out of a site, per domain, with links back (spots link exchanges)')
    .option('--rel <list>', 'count only links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--reciprocal [bool]', 'only domains that link back (or, with false, only those that do not)')
    .option('--min-links <n>', 'at least n links to the domain');
  addReportOptions(command, 'links, followedLinks, linksBack, authority, domain or firstSeen (default links)').action(async (site: string, flags: Record<string, unknown>, cmd: Command) => {
    const { outlinks, OUTLINK_COLUMNS } = await import('../../reports/index.js');
    await printReportCommand(cmd, flags, (store, filters) => outlinks(store, { ...filters, site }), OUTLINK_COLUMNS, (r) => `${r.total} domains linked from ${r.target.name}; ${r.rows.filter((x) => x.reciprocal).length} of those shown link back`);
  });
}
