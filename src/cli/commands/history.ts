import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withAnyStore } from '../with-store.js';

/** `vouch history <target>`: new, lost and total links and domains over time. Flags mirror src/reports/schemas/backlink-history-query.ts. */
export function registerHistory(program: Command): void {
  program
    .command('history <target>')
    .description('show new, lost and total backlinks and referring domains per day (or week, month)')
    .option('--from <date>', 'first day to show (UTC; default: the first event)')
    .option('--to <date>', 'last day to show (UTC; default: the last event)')
    .option('--interval <interval>', 'day, week or month (default day)')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel')
    .action(async (target: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { csv, bom, ...filters } = flags;
      const { backlinkHistory, HISTORY_COLUMNS, toCsv } = await import('../../reports/index.js');
      await withAnyStore(command, async (store) => {
        const result = await backlinkHistory(store, { ...filters, target });
        if (csv) process.stdout.write(toCsv(result.rows, HISTORY_COLUMNS, { bom: bom === true }));
        else printReport(result.rows, [{ ...HISTORY_COLUMNS[0]!, format: (d) => (d as Date).toISOString().slice(0, 10) }, ...HISTORY_COLUMNS.slice(1)], { format: globals.json ? 'json' : 'table', payload: result });
      });
    });
}
