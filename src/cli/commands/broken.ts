import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch broken <target>`: links to reclaim. Flags mirror src/reports/schemas/broken-backlinks-query.ts. */
export function registerBroken(program: Command): void {
  program
    .command('broken <target>')
    .description('list backlinks pointing at target pages that answer 4xx or 5xx, best sources first (links to reclaim)')
    .option('--rel <list>', 'keep links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--status-class <list>', 'keep links to pages answering 4xx, 5xx or both', collect)
    .option('--min-authority <n>', 'source domain authority at least n')
    .option('--one-per-domain [bool]', 'keep only the best link of each referring domain')
    .option('--sort <column>', 'authority, targetUrl, sourceDomain, firstSeen or status (default authority)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'rows to print (1-1000, default 100)')
    .option('--offset <n>', 'rows to skip')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { brokenBacklinks, BROKEN_BACKLINK_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withStore(command, async (store) => {
        const result = await brokenBacklinks(store, { ...filters, target });
        if (csv) process.stdout.write(toCsv(result.rows, BROKEN_BACKLINK_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, BROKEN_BACKLINK_COLUMNS, { format: globals.json ? 'json' : 'table', payload: result });
        if (!csv && !globals.json && !globals.quiet) process.stdout.write(`${result.total} links from ${result.refDomains} domains to ${result.pages} broken pages\n`);
      });
    });
}
