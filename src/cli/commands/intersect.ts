import type { Command } from 'commander';
import { addReportOptions, printReportCommand } from '../internal/report-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch intersect <target>`: link intersect with competitors. Flags mirror src/reports/schemas/link-intersect-query.ts. */
export function registerIntersect(program: Command): void {
  const command = program
    .command('intersect <target>')
    .description('list domains that link to at least --min competitors but not to the target')
    .option('--competitor <site>', 'a competitor: target name, domain, host or URL; repeat for more, up to 10 (default: every stored competitor)', collect)
    .option('--min <k>', 'link to at least k competitors (default 1)')
    .option('--min-authority <n>', 'domain authority at least n');
  addReportOptions(command, 'competitors, authority, domain or links (default competitors)').action(async (target: string, flags: Record<string, unknown>, cmd: Command) => {
    const { linkIntersect, INTERSECT_COLUMNS } = await import('../../reports/index.js');
    await printReportCommand(cmd, flags, (store, filters) => linkIntersect(store, { ...filters, target }), INTERSECT_COLUMNS, (r) => `${r.total} domains link to at least ${r.min} of ${r.competitors.map((c) => c.name).join(', ')} but not to ${r.target.name}`);
  });
}
