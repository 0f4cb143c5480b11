import type { Command } from 'commander';
import { addReportOptions, printReportCommand } from '../internal/report-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch broken <target>`: links to reclaim. Flags mirror src/reports/schemas/broken-backlinks-query.ts. */
export function registerBroken(program: Command): void {
  const command = program
    .command('broken <target>')
    .description('list backlinks pointing at target pages that answer 4xx or 5xx, best sources first (links to reclaim)')
    .option('--rel <list>', 'keep links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--status-class <list>', 'keep links to pages answering 4xx, 5xx or both', collect)
    .option('--min-authority <n>', 'source domain authority at least n')
    .option('--one-per-domain [bool]', 'keep only the best link of each referring domain');
  addReportOptions(command, 'authority, targetUrl, sourceDomain, firstSeen or status (default authority)').action(async (target: string, flags: Record<string, unknown>, cmd: Command) => {
    const { brokenBacklinks, BROKEN_BACKLINK_COLUMNS } = await import('../../reports/index.js');
    await printReportCommand(cmd, flags, (store, filters) => brokenBacklinks(store, { ...filters, target }), BROKEN_BACKLINK_COLUMNS, (r) => `${r.total} links from ${r.refDomains} domains to ${r.pages} broken pages`);
  });
}
