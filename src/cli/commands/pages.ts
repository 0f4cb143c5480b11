import type { Command } from 'commander';
import { addReportOptions, printReportCommand } from '../internal/report-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch pages <target>`: the target's best pages by links. Flags mirror src/reports/schemas/best-pages-query.ts. */
export function registerPages(program: Command): void {
  const command = program
    .command('pages <target>')
    .description("rank the target's pages by referring domains and backlinks, with their crawl status (a 404 with links stands out)")
    .option('--rel <list>', 'count only links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--crawl-status <list>', 'keep pages whose last crawl was: ok, redirect, client-error, server-error, failed, unknown', collect)
    .option('--min-ref-domains <n>', 'at least n referring domains');
  addReportOptions(command, 'refDomains, backlinks, url, status, firstSeen or lastSeen (default refDomains)').action(async (target: string, flags: Record<string, unknown>, cmd: Command) => {
    const { bestPages, BEST_PAGE_COLUMNS } = await import('../../reports/index.js');
    await printReportCommand(cmd, flags, (store, filters) => bestPages(store, { ...filters, target }), BEST_PAGE_COLUMNS, (r) => {
      const broken = r.rows.filter((x) => x.broken).length;
      return `${r.total} pages with backlinks${broken > 0 ? `; ${broken} shown answer 4xx/5xx (see: vouch broken ${target})` : ''}`;
    });
  });
}
