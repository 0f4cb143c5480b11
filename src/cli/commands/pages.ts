import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch pages <target>`: the target's best pages by links. Flags mirror src/reports/schemas/best-pages-query.ts. */
export function registerPages(program: Command): void {
  program
    .command('pages <target>')
    .description("rank the target's pages by referring domains and backlinks, with their crawl status (a 404 with links stands out)")
    .option('--rel <list>', 'count only links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--crawl-status <list>', 'keep pages whose last crawl was: ok, redirect, client-error, server-error, failed, unknown', collect)
    .option('--min-ref-domains <n>', 'at least n referring domains')
    .option('--sort <column>', 'refDomains, backlinks, url, status, firstSeen or lastSeen (default refDomains)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'rows to print (1-1000, default 100)')
    .option('--offset <n>', 'rows to skip')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { bestPages, BEST_PAGE_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withStore(command, async (store) => {
        const result = await bestPages(store, { ...filters, target });
        if (csv) process.stdout.write(toCsv(result.rows, BEST_PAGE_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, BEST_PAGE_COLUMNS, { format: globals.json ? 'json' : 'table', payload: result });
        const broken = result.rows.filter((r) => r.broken).length;
        if (!csv && !globals.json && !globals.quiet) process.stdout.write(`${result.total} pages with backlinks${broken > 0 ? `; ${broken} shown answer 4xx/5xx (see: vouch broken ${target})` : ''}\n`);
      });
    });
}
