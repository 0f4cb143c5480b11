import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch outlinks <site>`: where a site links out to, and who links back. Flags mirror src/reports/schemas/outlinks-query.ts. */
export function registerOutlinks(program: Command): void {
  program
    .command('outlinks <site>')
    .description('list the external links going out of a site, per domain, with links back (spots link exchanges)')
    .option('--rel <list>', 'count only links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--reciprocal [bool]', 'only domains that link back (or, with false, only those that do not)')
    .option('--min-links <n>', 'at least n links to the domain')
    .option('--sort <column>', 'links, followedLinks, linksBack, authority, domain or firstSeen (default links)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'rows to print (1-1000, default 100)')
    .option('--offset <n>', 'rows to skip')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (site: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { outlinks, OUTLINK_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withStore(command, async (store) => {
        const result = await outlinks(store, { ...filters, site });
        if (csv) process.stdout.write(toCsv(result.rows, OUTLINK_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, OUTLINK_COLUMNS, { format: globals.json ? 'json' : 'table', payload: result });
        if (!csv && !globals.json && !globals.quiet) {
          const reciprocal = result.rows.filter((r) => r.reciprocal).length;
          process.stdout.write(`${result.total} domains linked from ${result.target.name}; ${reciprocal} of those shown link back\n`);
        }
      });
    });
}
