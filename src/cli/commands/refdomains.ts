import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withStore } from '../with-store.js';

/** `vouch refdomains <target>`: one row per domain linking to the target. Flags mirror src/reports/schemas/ref-domains-query.ts. */
export function registerRefdomains(program: Command): void {
  program
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
    .option('--search <text>', 'domain name contains this')
    .option('--sort <column>', 'authority, toxicity, domain, links, liveLinks, followedLinks, firstSeen or lastSeen (default liveLinks)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'rows to print (1-1000, default 100)')
    .option('--offset <n>', 'rows to skip')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { refDomains, REF_DOMAIN_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withStore(command, async (store) => {
        const result = await refDomains(store, { ...filters, target });
        if (csv) process.stdout.write(toCsv(result.rows, REF_DOMAIN_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, REF_DOMAIN_COLUMNS, { format: globals.json ? 'json' : 'table', payload: result });
        if (!csv && !globals.json && !globals.quiet) process.stdout.write(`${result.total} referring domains\n`);
      });
    });
}
