import type { Command } from 'commander';
import { addReportOptions, printReportCommand } from '../internal/report-command.js';

/** `vouch refdomains <target>`: one row per domain linking to the target. Flags mirror src/reports/schemas/ref-domains-query.ts. */
export function registerRefdomains(program: Command): void {
  const command = program
    .command('refdomains <target>')
    .description('list the domains linking to a target: authority, links, first/last seen, lost, toxicity')
    .option('--state <state>', 'live (has a live link), lost (all links lost) or all (default live)')
    .option('--min-authority <n>', 'authority at least n (unranked domains are left out)')
    .option('--max-authority <n>', 'authority at most n')
    .option('--min-toxicity <n>', 'toxicity at least n (unaudited domains are left out)')
    .option('--max-toxicity <n>', 'toxicity at most n (unaudited domains are kept)')
    .option('--min-links <n>', 'at least n links, live or lost')
    .option('--min-followed-links <n>', 'at least n live followed links')
    .option('--first-seen-from <date>', 'first link seen on or after this date')
    .option('--first-seen-to <date>', 'first link seen on or before this date')
    .option('--last-seen-from <date>', 'a link last seen on or after this date')
    .option('--last-seen-to <date>', 'every link last seen on or before this date')
    .option('--search <text>', 'domain name contains this');
  addReportOptions(command, 'authority, toxicity, domain, links, liveLinks, followedLinks, firstSeen or lastSeen (default liveLinks)').action(async (target: string, flags: Record<string, unknown>, cmd: Command) => {
    const { refDomains, REF_DOMAIN_COLUMNS } = await import('../../reports/index.js');
    await printReportCommand(cmd, flags, (store, filters) => refDomains(store, { ...filters, target }), REF_DOMAIN_COLUMNS, (r) => `${r.total} referring domains`);
  });
}
