import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { DisavowIssue, ParsedDisavow } from '../../audit/index.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson, type Column } from '../output.js';
import { withAnyStore } from '../with-store.js';

interface DisavowFlags {
  threshold: number;
  level: 'domain' | 'url';
  merge?: string;
  out?: string;
  keywords?: string[];
  spamList?: string[];
  reaudit?: boolean;
}

const ISSUE_COLUMNS: Column<DisavowIssue>[] = [
  { key: 'line', header: 'Line', align: 'right', format: (v) => (v === 0 ? 'file' : String(v)) },
  { key: 'severity', header: 'Severity' },
  { key: 'code', header: 'Rule' },
  { key: 'message', header: 'Message' },
];

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 100)) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
}

function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v.length > 0)];
}

async function readInput(file: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new ValidationError(`${flag} ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, [{ where: flag, message: file }], { code: 'INVALID_CONFIG', cause: err });
  }
}

function summary(file: string, r: ParsedDisavow): string {
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const warnings = r.issues.length - errors;
  return `${file}: ${r.lineCount} lines, ${r.bytes} bytes, ${r.encoding}; ${r.domains} domain and ${r.urls} URL entries; ${errors} error(s), ${warnings} warning(s): ${r.valid ? 'Google accepts it' : 'Google would reject it'}\n`;
}

/**
 * `vouch disavow <target>`: a disavow file Google accepts, from the audit; `vouch disavow check FILE`
 * validates any file against Google's rules, with line numbers.
 */
export function registerDisavow(program: Command): void {
  const disavow = program
    .command('disavow')
    .argument('<target>', 'the target whose toxic backlinks to disavow')
    .description('write a disavow file Google accepts for a target\'s toxic backlinks (from its audit, blacklist and your own entries); `disavow check FILE` validates a file')
    .option('--threshold <n>', 'toxicity from which a domain is disavowed', score, 70)
    .addOption(new Option('--level <level>', 'domain: one domain: line per toxic domain; url: one line per linking page').choices(['domain', 'url']).default('domain'))
    .option('--merge <file>', 'keep this existing disavow file as it is (comments, manual entries) and add only what it lacks')
    .option('--out <file>', 'write the file here instead of printing it')
    .option('--keywords <words>', 'commercial keywords, if the audit has to run (comma-separated or repeated)', list)
    .option('--spam-list <file>', 'extra spam list, if the audit has to run (repeatable)', list)
    .option('--reaudit', 'run the audit again first, even if one is stored')
    .action(async (target: string, flags: DisavowFlags, command: Command) => {
      const globals = globalsOf(command);
      const audit = await import('../../audit/index.js');
      let merge: ParsedDisavow | null = null;
      if (flags.merge !== undefined) {
        merge = audit.parseDisavow(await readInput(flags.merge, '--merge'));
        const fatal = merge.issues.filter((i) => i.code === 'too-many-lines' || i.code === 'too-large');
        if (fatal.length > 0) throw new ValidationError(`--merge ${flags.merge}: ${fatal.map((i) => i.message).join('; ')}`, fatal.map((i) => ({ where: `${flags.merge}:${i.line}`, message: i.message })), { code: 'TOO_LARGE' });
        if (!globals.quiet) for (const i of merge.issues) process.stderr.write(`${flags.merge}:${i.line === 0 ? '' : i.line}: ${i.severity}: ${i.message}${i.severity === 'error' && i.line > 0 ? ' (kept as a comment)' : ''}\n`);
      }
      await withAnyStore(command, async (store) => {
        const built = await audit.buildDisavow(store, target, {
          threshold: flags.threshold,
          level: flags.level,
          merge,
          audit: flags.reaudit === true ? 'always' : 'if-missing',
          keywords: flags.keywords ?? null,
          spamLists: flags.spamList ?? [],
        });
        if (flags.out !== undefined) await writeFile(flags.out, built.text, 'utf8');
        else if (!globals.json) process.stdout.write(built.text);
        const note = `${built.entries.length} entr${built.entries.length === 1 ? 'y' : 'ies'} from ${built.toxicDomains} toxic domain(s) and ${built.userEntries} of your own; ${built.lines} lines, ${built.bytes} bytes` +
          `${built.commentsDropped ? '; reason comments dropped to fit' : ''}${built.folded > 0 ? `; ${built.folded} URL(s) folded into domains to fit` : ''}${flags.out ? `; written to ${flags.out}` : ''}\n`;
        if (globals.json) process.stdout.write(toJson({ ...built, text: flags.out === undefined ? built.text : undefined, out: flags.out ?? null }));
        else if (!globals.quiet) process.stderr.write(note);
      });
    });

  disavow
    .command('check <file>')
    .description('validate a disavow file against Google\'s rules: encoding, domain: lines, URL length, line count and size, with line numbers')
    .option('--csv', 'print the issues as CSV')
    .action(async (file: string, flags: { csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const { parseDisavow } = await import('../../audit/index.js');
      const result = parseDisavow(await readInput(file, 'check'));
      const { lines: _lines, entries: _entries, ...report } = result;
      if (globals.json) process.stdout.write(toJson({ file, ...report }));
      else {
        if (result.issues.length > 0) printReport(result.issues, ISSUE_COLUMNS, { format: flags.csv ? 'csv' : 'table' });
        if (!flags.csv) process.stdout.write(summary(file, result));
      }
      if (!result.valid) process.exitCode = 1;
    });
}
