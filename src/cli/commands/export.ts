import { Argument, Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';
import { toJson } from '../output.js';
import { withAnyStore } from '../with-store.js';

interface ExportFlags {
  format: 'parquet' | 'csv';
  out?: string;
}

/** `vouch export links|pages|domains|hosts`: a store table to Parquet or CSV, written by DuckDB. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the links, pages, domains or hosts table to a Parquet or CSV file')
    .addArgument(new Argument('<what>', 'which table').choices(['links', 'pages', 'domains', 'hosts']))
    .addOption(new Option('--format <format>', 'file format').choices(['parquet', 'csv']).default('parquet'))
    .option('--out <file>', 'output file; "-" writes CSV to standard output (default: vouch-<what>.<format>)')
    .action(async (what: 'links' | 'pages' | 'domains' | 'hosts', flags: ExportFlags, command: Command) => {
      const globals = globalsOf(command);
      const out = flags.out ?? `vouch-${what}.${flags.format}`;
      const result = await withAnyStore(command, async (store) => {
        const { exportTable } = await import('../../ingest/index.js');
        return exportTable(store, what, flags.format, out);
      });
      if (out === '-') return;
      if (globals.json) process.stdout.write(toJson(result));
      else if (!globals.quiet) process.stdout.write(`wrote ${result.rows} ${what} rows to ${result.file} (${result.format})\n`);
    });
}
