/**
 * What every paged report command shares: the sort/page/output flags, and printing one page of
 * rows as a table, JSON (the whole result) or CSV (RFC 4180, optional BOM for Excel).
 */
import type { Command } from 'commander';
import type { ReportColumn } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withAnyStore } from '../with-store.js';

/** Add --sort, --order, --limit, --offset, --csv and --bom; `sorts` lists the columns and the default. */
export function addReportOptions(command: Command, sorts: string, noun = 'rows'): Command {
  return command
    .option('--sort <column>', sorts)
    .option('--order <order>', 'asc or desc (default desc)')
    .option('--limit <n>', `${noun} to print (1-1000, default 100)`)
    .option('--offset <n>', `${noun} to skip`)
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .option('--bom', 'with --csv: start with a UTF-8 byte order mark, for Excel');
}

/**
 * Run one report over the store and print it. `footer` is a summary line for the table form only.
 * Flags other than --csv/--bom go to the report as its filters, validated there.
 */
export async function printReportCommand<Row, Result extends { rows: Row[] }>(
  command: Command,
  flags: Record<string, unknown>,
  run: (store: Store, filters: Record<string, unknown>) => Promise<Result>,
  columns: readonly ReportColumn<Row>[],
  footer?: (result: Result) => string,
): Promise<void> {
  const globals = globalsOf(command);
  const { csv, bom, ...filters } = flags;
  const { toCsv } = await import('../../reports/index.js');
  await withAnyStore(command, async (store) => {
    const result = await run(store, filters);
    if (csv) process.stdout.write(toCsv(result.rows, columns, { bom: bom === true }));
    else printReport(result.rows, columns, { format: globals.json ? 'json' : 'table', payload: result });
    if (!csv && !globals.json && !globals.quiet && footer) process.stdout.write(footer(result) + '\n');
  });
}
