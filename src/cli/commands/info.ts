import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withAnyStore } from '../with-store.js';

/** `vouch info`: where the data lives, its schema version, and how much it holds. */
export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show the data directory, schema version and row counts of the store')
    .option('--csv', 'print CSV')
    .action(async (options: { csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const { storeSummary } = await import('../../store/index.js');
        const summary = await storeSummary(store);
        const rows = Object.entries(summary.tables).map(([table, rowCount]) => ({ table, rows: rowCount }));
        if (!globals.json && !options.csv) process.stdout.write(`store   ${summary.databasePath}\nschema  v${summary.schemaVersion}\n`);
        printReport(rows, [{ key: 'table', header: 'table' }, { key: 'rows', header: 'rows', align: 'right' }], {
          format: globals.json ? 'json' : options.csv ? 'csv' : 'table',
          payload: summary,
        });
      });
    });
}
