import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * `vouch backlinks <target>`: links pointing at a target from other domains. The flags mirror the
 * report's zod schema (src/reports/schemas/backlinks-query.ts), which validates them.
 */
export function registerBacklinks(program: Command): void {
  program
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
    .option('--sort <column>', 'authority, toxicity, firstSeen, lastSeen, sourceUrl, sourceDomain, targetUrl or anchor (default authority)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'rows to print (1-1000, default 100)')
    .option('--offset <n>', 'rows to skip')
    .option('--cursor <cursor>', 'continue after the page that printed this cursor (nextCursor in --json)')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { backlinks, BACKLINK_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withStore(command, async (store) => {
        const result = await backlinks(store, { ...filters, target });
        if (csv) process.stdout.write(toCsv(result.rows, BACKLINK_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, BACKLINK_COLUMNS, { format: globals.json ? 'json' : 'table', payload: result });
        if (!csv && !globals.json && !globals.quiet) {
          const shown = result.rows.length === 0 ? 'none shown' : `showing ${result.offset + 1}-${result.offset + result.rows.length}`;
          process.stdout.write(`${result.total} backlinks from ${result.refDomains} domains (${shown})${result.nextCursor ? `; next page: --cursor ${result.nextCursor}` : ''}\n`);
        }
      });
    });
}
