import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch intersect <target>`: link intersect with competitors. Flags mirror src/reports/schemas/link-intersect-query.ts. */
export function registerIntersect(program: Command): void {
  program
    .command('intersect <target>')
    .description('list domains that link to at least --min competitors but not to the target')
    .option('--competitor <site>', 'a competitor: target name, domain, host or URL; repeat for more, up to 10 (default: every stored competitor)', collect)
    .option('--min <k>', 'link to at least k competitors (default 1)')
    .option('--min-authority <n>', 'domain authority at least n')
    .option('--sort <column>', 'competitors, authority, domain or links (default competitors)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'rows to print (1-1000, default 100)')
    .option('--offset <n>', 'rows to skip')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { linkIntersect, INTERSECT_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withStore(command, async (store) => {
        const result = await linkIntersect(store, { ...filters, target });
        if (csv) process.stdout.write(toCsv(result.rows, INTERSECT_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, INTERSECT_COLUMNS, { format: globals.json ? 'json' : 'table', payload: result });
        if (!csv && !globals.json && !globals.quiet) {
          process.stdout.write(`${result.total} domains link to at least ${result.min} of ${result.competitors.map((c) => c.name).join(', ')} but not to ${result.target.name}\n`);
        }
      });
    });
}
