import type { Command } from 'commander';
import { addReportOptions, printReportCommand } from '../internal/report-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * `vouch backlinks <target>`: links pointing at a target from other domains. The flags mirror the
 * report's zod schema (src/reports/schemas/backlinks-query.ts), which validates them.
 */
export function registerBacklinks(program: Command): void {
  const command = program
    .command('backlinks <target>')
    .description('list the backlinks of a target, filtered, sorted and paged')
    .option('--rel <list>', 'keep links of these rel classes: follow, nofollow, ugc, sponsored (comma-separated or repeated)', collect)
    .option('--kind <list>', 'keep links of these kinds: a, img, redirect, canonical, link-header, meta-refresh', collect)
    .option('--state <state>', 'live, lost or all (default live)')
    .option('--first-seen-from <date>', 'first seen on or after this date (YYYY-MM-DD or ISO date-time, UTC)')
    .option('--first-seen-to <date>', 'first seen on or before this date')
    .option('--last-seen-from <date>', 'last seen on or after this date')
    .option('--last-seen-to <date>', 'last seen on or before this date')
    .option('--anchor <text>', 'anchor text contains this (case-insensitive)')
    .option('--min-authority <n>', 'source domain authority at least n (0-100; unranked domains are left out)')
    .option('--max-toxicity <n>', 'source domain toxicity at most n (unaudited domains are kept)')
    .option('--source-domain <domain>', 'links from this domain or host only')
    .option('--position <list>', 'keep links in these positions: header, nav, main, aside, footer, body', collect)
    .option('--one-per-domain [bool]', 'keep only the first link (in sort order) of each referring domain')
    .option('--cursor <cursor>', 'continue after the page that printed this cursor (nextCursor in --json)');
  addReportOptions(command, 'authority, toxicity, firstSeen, lastSeen, sourceUrl, sourceDomain, targetUrl or anchor (default authority)').action(async (target: string, flags: Record<string, unknown>, cmd: Command) => {
    const { backlinks, BACKLINK_COLUMNS } = await import('../../reports/index.js');
    await printReportCommand(cmd, flags, (store, filters) => backlinks(store, { ...filters, target }), BACKLINK_COLUMNS, (r) => {
      const shown = r.rows.length === 0 ? 'none shown' : `showing ${r.offset + 1}-${r.offset + r.rows.length}`;
      return `${r.total} backlinks from ${r.refDomains} domains (${shown})${r.nextCursor ? `; next page: --cursor ${r.nextCursor}` : ''}`;
    });
  });
}
