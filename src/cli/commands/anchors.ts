import type { Command } from 'commander';
import pc from 'picocolors';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withAnyStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `vouch anchors <target>`: the anchor-text profile by class. Flags mirror src/reports/schemas/anchors-query.ts. */
export function registerAnchors(program: Command): void {
  program
    .command('anchors <target>')
    .description('show the anchor-text distribution: branded, exact-match, partial-match, generic, naked URL, image/empty, other')
    .option('--keywords <list>', "keywords for exact- and partial-match, added to the target's own (comma-separated or repeated)", collect)
    .option('--brand <list>', "brand terms, added to the target's own", collect)
    .option('--state <state>', 'live, lost or all (default live)')
    .option('--rel <list>', 'count only links of these rel classes: follow, nofollow, ugc, sponsored', collect)
    .option('--class <list>', 'list only anchors of these classes', collect)
    .option('--search <text>', 'anchor contains this')
    .option('--sort <column>', 'refDomains, links or anchor (default refDomains)')
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', 'anchors to print (1-1000, default 100)')
    .option('--offset <n>', 'anchors to skip')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { anchors, ANCHOR_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withAnyStore(command, async (store) => {
        const result = await anchors(store, { ...filters, target });
        if (csv) {
          process.stdout.write(toCsv(result.rows, ANCHOR_COLUMNS, { bom: bom === true }));
          return;
        }
        if (globals.json) {
          printReport(result.rows, ANCHOR_COLUMNS, { format: 'json', payload: result });
          return;
        }
        const percent = (v: unknown): string => `${((v as number) * 100).toFixed(1)}%`;
        printReport(result.classes, [
          { key: 'class', header: 'class' },
          { key: 'share', header: 'share', align: 'right', format: percent },
          { key: 'refDomains', header: 'domain-anchor pairs', align: 'right' },
          { key: 'links', header: 'links', align: 'right' },
          { key: 'anchors', header: 'anchors', align: 'right' },
        ], { format: 'table' });
        printReport(result.rows, [...ANCHOR_COLUMNS.slice(0, -1), { key: 'share', header: 'share', align: 'right', format: percent }], { format: 'table' });
        if (result.overOptimisation.warning) process.stdout.write(`${pc.yellow('warning')} ${result.overOptimisation.warning}\n`);
      });
    });
}
