import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import type { Column } from '../output.js';
import { withAnyStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface TargetLine {
  id: number;
  name: string;
  value: string;
  scope: string;
  own: boolean;
  brandTerms: string[];
  keywords: string[];
}

const COLUMNS: Column<TargetLine>[] = [
  { key: 'id', header: 'id', align: 'right' },
  { key: 'name', header: 'name' },
  { key: 'scope', header: 'scope' },
  { key: 'value', header: 'value' },
  { key: 'own', header: 'own', format: (v) => (v ? 'own' : 'competitor') },
  { key: 'brandTerms', header: 'brand', format: (v) => (v as string[]).join(', ') },
  { key: 'keywords', header: 'keywords', format: (v) => (v as string[]).join(', ') },
];

/** `vouch targets add|list|remove`: the sites to report on, the user's own and competitors'. */
export function registerTargets(program: Command): void {
  const targets = program.command('targets').description('manage the sites you track: your own and your competitors');

  targets
    .command('add <value>')
    .description('track a site: a domain (every host), a host, a URL prefix ending in /, or an exact URL; the scope is detected')
    .option('--name <name>', 'a short name to refer to it (default: the normalised value)')
    .option('--scope <scope>', 'override the detected scope: exact, prefix, host or domain')
    .option('--competitor', 'a competitor rather than your own site')
    .option('--brand <terms>', 'brand terms, for anchor classification (comma-separated or repeated)', collect)
    .option('--keywords <terms>', 'money keywords, for exact/partial-match anchors (comma-separated or repeated)', collect)
    .action(async (value: string, flags: Record<string, unknown>, command: Command) => {
      const globals = globalsOf(command);
      const { addTarget } = await import('../../reports/index.js');
      await withAnyStore(command, async (store) => {
        const target = await addTarget(store, { ...flags, value });
        if (globals.json) printReport([target], COLUMNS, { format: 'json', payload: target });
        else process.stdout.write(`added ${target.own ? 'target' : 'competitor'} ${target.name} (${target.scope} ${target.value}), id ${target.id}\n`);
      });
    });

  targets
    .command('list')
    .description('list the tracked sites')
    .option('--kind <kind>', 'all, own or competitor (default all)')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .action(async (flags: { kind?: string; csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const { listTargets, toCsv } = await import('../../reports/index.js');
      await withAnyStore(command, async (store) => {
        const list = await listTargets(store, { kind: flags.kind as never });
        if (flags.csv) process.stdout.write(toCsv(list, COLUMNS));
        else printReport(list, COLUMNS, { format: globals.json ? 'json' : 'table', payload: list });
      });
    });

  targets
    .command('remove <target>')
    .description('stop tracking a target, by name, id or value (its links stay in the store)')
    .action(async (target: string, _flags: unknown, command: Command) => {
      const globals = globalsOf(command);
      const { removeTarget } = await import('../../reports/index.js');
      await withAnyStore(command, async (store) => {
        const removed = await removeTarget(store, { target });
        if (globals.json) printReport([removed], COLUMNS, { format: 'json', payload: removed });
        else process.stdout.write(`removed ${removed.name} (id ${removed.id})\n`);
      });
    });
}
