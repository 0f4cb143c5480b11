import { Option, type Command } from 'commander';
import { toVouchError } from '../../core/errors.js';
import type { ImportSummary } from '../../ingest/index.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { withAnyStore } from '../with-store.js';

interface ImportFlags {
  from: 'auto' | 'gsc' | 'ahrefs' | 'semrush' | 'majestic' | 'moz';
  target?: string;
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter?: 'comma' | 'tab' | 'semicolon';
  dateOrder: 'auto' | 'mdy' | 'dmy';
}

const DELIMITERS = { comma: ',', tab: '\t', semicolon: ';' } as const;
/** Row problems printed per file; the rest are counted. */
const SHOWN_ISSUES = 20;

/**
 * `vouch import FILE...`: backlink exports of Search Console, Ahrefs, Semrush, Majestic and Moz.
 * Rows that cannot be read are listed as file:line and the rest still import; a file that cannot be
 * imported at all (unknown header) is reported and the next file goes on (exit code 1 at the end).
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import backlink exports (CSV/TSV) from Search Console, Ahrefs, Semrush, Majestic or Moz; the vendor is told from the header row')
    .argument('<file...>', 'export files (any encoding: UTF-8, UTF-8 or UTF-16 with BOM, Windows-1252; comma, tab or semicolon)')
    .addOption(new Option('--from <vendor>', 'the vendor that wrote the files').choices(['auto', 'gsc', 'ahrefs', 'semrush', 'majestic', 'moz']).default('auto'))
    .option('--target <url>', 'the page or site the links point to, for exports without a target column (Search Console)')
    .addOption(new Option('--encoding <name>', 'override encoding detection').choices(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']))
    .addOption(new Option('--delimiter <name>', 'override delimiter detection').choices(['comma', 'tab', 'semicolon']))
    .addOption(new Option('--date-order <order>', 'how dates like 03/04/2026 read: month first, day first, or auto (from the file)').choices(['auto', 'mdy', 'dmy']).default('auto'))
    .action(async (files: string[], flags: ImportFlags, command: Command) => {
      const globals = globalsOf(command);
      const progress = createProgress({ quiet: globals.quiet, json: globals.json, extra: '{rows} rows' });
      const summaries: ImportSummary[] = [];
      const failures: Array<{ file: string; code: string; message: string }> = [];
      await withAnyStore(command, async (store) => {
        const { importFile } = await import('../../ingest/index.js');
        for (const file of files) {
          progress.start(1, file);
          try {
            const summary = await importFile(store, file, {
              vendor: flags.from,
              target: flags.target ?? null,
              encoding: flags.encoding ?? null,
              delimiter: flags.delimiter === undefined ? null : DELIMITERS[flags.delimiter],
              dateOrder: flags.dateOrder,
              onProgress: (p) => progress.update(0, { rows: p.rows }),
            });
            summaries.push(summary);
          } catch (err) {
            const e = toVouchError(err);
            if (e.code === 'STORE_LOCKED' || e.code === 'STORE_CORRUPT' || e.code === 'STORE_FAILED' || e.code === 'USAGE') throw err;
            failures.push({ file, code: e.code, message: e.message });
          } finally {
            progress.stop();
          }
        }
      });
      print(summaries, failures, globals.json, globals.quiet);
      if (failures.length > 0) process.exitCode = failures.some((f) => f.code === 'INVALID_CONFIG') ? 2 : 1;
    });
}

function print(summaries: ImportSummary[], failures: Array<{ file: string; code: string; message: string }>, json: boolean, quiet: boolean): void {
  if (json) {
    process.stdout.write(toJson({ files: summaries, failures }));
    return;
  }
  for (const f of failures) process.stderr.write(`error [${f.code}] ${f.message}\n`);
  for (const s of summaries) {
    for (const issue of s.issues.slice(0, SHOWN_ISSUES)) process.stderr.write(`${issue.where}: ${issue.message}\n`);
    if (s.failed > SHOWN_ISSUES) process.stderr.write(`${s.file}: … and ${s.failed - SHOWN_ISSUES} more rows that could not be read (--json lists ${s.issues.length})\n`);
  }
  if (summaries.length === 0) return;
  if (!quiet) process.stdout.write(`imported ${summaries.reduce((a, s) => a + s.imported, 0)} links from ${summaries.length} file(s)\n`);
  printReport(
    summaries.map((s) => ({ ...s, delimiter: s.delimiter === '\t' ? 'tab' : s.delimiter })),
    [
      { key: 'file', header: 'file' },
      { key: 'vendor', header: 'vendor' },
      { key: 'encoding', header: 'encoding' },
      { key: 'delimiter', header: 'sep' },
      { key: 'rows', header: 'rows', align: 'right' },
      { key: 'imported', header: 'imported', align: 'right' },
      { key: 'failed', header: 'failed', align: 'right' },
      { key: 'inserted', header: 'new', align: 'right' },
      { key: 'updated', header: 'known', align: 'right' },
      { key: 'lost', header: 'lost', align: 'right' },
    ],
    { format: 'table' },
  );
}
