import type { Command } from 'commander';
import type { ProspectRow } from '../../prospect/index.js';
import { globalsOf } from '../globals.js';
import { printReport, type Column } from '../output.js';
import { withAnyStore } from '../with-store.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

type PrintedRow = Omit<ProspectRow, 'contacts'> & { contacts: string };

const COLUMNS: readonly Column<PrintedRow>[] = [
  { key: 'score', header: 'score', align: 'right' },
  { key: 'source', header: 'source' },
  { key: 'domain', header: 'domain' },
  { key: 'url', header: 'page' },
  { key: 'authority', header: 'authority', align: 'right' },
  { key: 'relevance', header: 'relevance', align: 'right' },
  { key: 'toxicity', header: 'toxicity', align: 'right' },
  { key: 'status', header: 'pipeline' },
  { key: 'explanation', header: 'why' },
];
const CONTACT_COLUMN: Column<PrintedRow> = { key: 'contacts', header: 'contacts' };

/** Contacts on one line (addresses and profiles; contact pages are in --json). */
function printed(r: ProspectRow): PrintedRow {
  return { ...r, contacts: (r.contacts ?? []).filter((c) => c.type !== 'page').map((c) => c.value).join(' ') };
}

/** `vouch prospects <target>`: ranked link prospects, each with its source, explanation and score. */
export function registerProspects(program: Command): void {
  program
    .command('prospects <target>')
    .description('find sites that could link to a target: link gap, broken links, lost competitor links, unlinked mentions, resource pages')
    .option('--competitor <site>', 'a competitor: target name, domain, host or URL (repeatable; default: every stored competitor)', collect)
    .option('--keywords <words>', "keywords for relevance, on top of the target's stored keywords and brand terms (repeatable, or comma-separated)", collect)
    .option('--source <source>', 'only these sources: gap, broken, lost, mention, resource (repeatable, or comma-separated)', collect)
    .option('--max-toxicity <n>', 'leave out domains whose audit toxicity is at least n (default 50)')
    .option('--contacts', 'look up contacts (emails, social profiles, contact pages) on each prospect site')
    .option('--limit <n>', 'rows to print (default 100)')
    .option('--save', 'put the prospects into the outreach pipeline (vouch outreach list)')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .action(async (target: string, flags: { competitor?: string[]; keywords?: string[]; source?: string[]; maxToxicity?: string; contacts?: boolean; limit?: string; save?: boolean; csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const { findProspects, saveProspects } = await import('../../prospect/index.js');
      await withAnyStore(command, async (store) => {
        const input: Record<string, unknown> = { target, contacts: flags.contacts === true };
        if (flags.competitor) input.competitor = flags.competitor;
        if (flags.keywords) input.keywords = flags.keywords;
        if (flags.source) input.source = flags.source;
        if (flags.maxToxicity !== undefined) input.maxToxicity = flags.maxToxicity;
        if (flags.limit !== undefined) input.limit = flags.limit;
        const result = await findProspects(store, input as never);
        if (flags.save && result.target.id !== null) {
          const saved = await saveProspects(store, result.target.id, result.rows);
          const ids = new Map(saved.map((p) => [`${p.kind} ${p.url}`, p]));
          for (const r of result.rows) {
            const p = ids.get(`${r.kind} ${r.url ?? r.domain}`);
            if (p) {
              r.prospectId = p.id;
              r.status = p.status;
            }
          }
        }
        const columns = flags.contacts ? [...COLUMNS.slice(0, -1), CONTACT_COLUMN, COLUMNS[COLUMNS.length - 1]!] : COLUMNS;
        printReport(result.rows.map(printed), columns, { format: flags.csv ? 'csv' : globals.json ? 'json' : 'table', payload: result });
        if (!flags.csv && !globals.json && !globals.quiet) {
          process.stdout.write(`${result.total} prospects${result.excludedToxic > 0 ? `, ${result.excludedToxic} left out as toxic` : ''}${flags.save ? '; saved to the pipeline' : ''}\n`);
        }
      });
    });
}
