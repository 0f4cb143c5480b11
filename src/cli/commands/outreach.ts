import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { ProspectRecord } from '../../prospect/index.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson, type Column } from '../output.js';
import { withAnyStore } from '../with-store.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v.length > 0)];
}

function prospectId(value: string): number {
  if (!/^\d{1,15}$/.test(value.trim())) throw new InvalidArgumentError('expected a prospect id (a whole number)');
  return Number(value);
}

function whole(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** A prospect on one line of a table or CSV record; --json keeps the whole record. */
interface PrintedProspect {
  id: number;
  status: string;
  score: number | null;
  kind: string;
  domain: string;
  url: string;
  followUp: string | null;
  tags: string;
  noteCount: number;
  notes: string;
  contacts: string;
  explanation: string | null;
  linkId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

function printed(p: ProspectRecord): PrintedProspect {
  return {
    id: p.id,
    status: p.status,
    score: p.score,
    kind: p.kind,
    domain: p.domain,
    url: p.url,
    followUp: p.followUp,
    tags: p.tags.join(' '),
    noteCount: p.notes.length,
    notes: p.notes.map((n) => `${n.createdAt.toISOString().slice(0, 10)}: ${n.text}`).join('\n'),
    contacts: p.contacts.filter((c) => c.type !== 'page').map((c) => c.value).join(' '),
    explanation: p.explanation,
    linkId: p.linkId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

const LIST_COLUMNS: readonly Column<PrintedProspect>[] = [
  { key: 'id', header: 'id', align: 'right' },
  { key: 'status', header: 'status' },
  { key: 'score', header: 'score', align: 'right' },
  { key: 'kind', header: 'kind' },
  { key: 'domain', header: 'domain' },
  { key: 'url', header: 'page' },
  { key: 'followUp', header: 'follow up' },
  { key: 'tags', header: 'tags' },
  { key: 'noteCount', header: 'notes', align: 'right' },
];

const EXPORT_COLUMNS: readonly Column<PrintedProspect>[] = [
  ...LIST_COLUMNS.slice(0, -1),
  { key: 'explanation', header: 'explanation' },
  { key: 'contacts', header: 'contacts' },
  { key: 'linkId', header: 'link id' },
  { key: 'notes', header: 'notes' },
  { key: 'createdAt', header: 'created' },
  { key: 'updatedAt', header: 'updated' },
];

interface ListFlags {
  target?: string;
  status?: string[];
  kind?: string[];
  tag?: string;
  due?: string;
  csv?: boolean;
}

async function listFor(command: Command, flags: ListFlags, columns: readonly Column<PrintedProspect>[], csv: boolean): Promise<void> {
  const globals = globalsOf(command);
  const { listProspects } = await import('../../prospect/index.js');
  const { resolveTarget } = await import('../../reports/index.js');
  await withAnyStore(command, async (store) => {
    const targetId = flags.target === undefined ? undefined : (await resolveTarget(store, flags.target)).id;
    const rows = await listProspects(store, { ...(targetId === undefined ? {} : { targetId }), ...(flags.status ? { status: flags.status } : {}), ...(flags.kind ? { kind: flags.kind } : {}), ...(flags.tag ? { tag: flags.tag } : {}), ...(flags.due ? { dueBy: flags.due } : {}) });
    printReport(rows.map(printed), columns, { format: csv ? 'csv' : globals.json ? 'json' : 'table', payload: { prospects: rows } });
  });
}

function addListOptions(command: Command): Command {
  return command
    .option('--target <target>', 'only prospects for this target')
    .option('--status <status>', 'only these statuses (repeatable, or comma-separated)', collect)
    .option('--kind <kind>', 'only these kinds: link-gap, broken-link, competitor-lost, unlinked-mention, resource-page (repeatable)', collect)
    .option('--tag <tag>', 'only prospects with this tag')
    .option('--due <date>', 'only prospects to follow up on or before this date (YYYY-MM-DD)');
}

/** `vouch outreach ...`: the prospect pipeline, notes, email drafts and (with --send) sending. */
export function registerOutreach(program: Command): void {
  const outreach = program.command('outreach').description('track prospects through outreach: list, set status, note, export, draft and send emails');

  addListOptions(outreach.command('list').description('list the prospects in the pipeline'))
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .action(async (flags: ListFlags, command: Command) => listFor(command, flags, LIST_COLUMNS, flags.csv === true));

  addListOptions(outreach.command('export').description('export the pipeline with explanations, contacts and notes (CSV unless --json)')).action(async (flags: ListFlags, command: Command) =>
    listFor(command, flags, EXPORT_COLUMNS, !globalsOf(command).json),
  );

  outreach
    .command('show <id>')
    .description('show one prospect with its notes and contacts')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const { getProspect } = await import('../../prospect/index.js');
      await withAnyStore(command, async (store) => process.stdout.write(toJson(await getProspect(store, prospectId(id)))));
    });

  outreach
    .command('set <id>')
    .description('change a prospect: status (new, qualified, contacted, replied, won, declined, lost), follow-up date, tags')
    .option('--status <status>', 'move to this status (invalid moves are refused)')
    .option('--follow-up <date>', 'follow up on this date (YYYY-MM-DD), or none to clear')
    .option('--tag <tag>', 'add a tag (repeatable)', collect)
    .option('--untag <tag>', 'remove a tag (repeatable)', collect)
    .action(async (id: string, flags: { status?: string; followUp?: string; tag?: string[]; untag?: string[] }, command: Command) => {
      const globals = globalsOf(command);
      const { updateProspect } = await import('../../prospect/index.js');
      await withAnyStore(command, async (store) => {
        const p = await updateProspect(store, prospectId(id), {
          ...(flags.status === undefined ? {} : { status: flags.status }),
          ...(flags.followUp === undefined ? {} : { followUp: flags.followUp === 'none' ? null : flags.followUp }),
          ...(flags.tag ? { addTags: flags.tag } : {}),
          ...(flags.untag ? { removeTags: flags.untag } : {}),
        });
        if (globals.json) process.stdout.write(toJson(p));
        else if (!globals.quiet) process.stdout.write(`prospect ${p.id} (${p.domain}): ${p.status}${p.followUp ? `, follow up ${p.followUp}` : ''}${p.tags.length > 0 ? `, tags ${p.tags.join(' ')}` : ''}\n`);
      });
    });

  outreach
    .command('note <id> <text...>')
    .description('add a note to a prospect')
    .action(async (id: string, words: string[], _flags: unknown, command: Command) => {
      const globals = globalsOf(command);
      const { updateProspect } = await import('../../prospect/index.js');
      await withAnyStore(command, async (store) => {
        const p = await updateProspect(store, prospectId(id), { note: words.join(' ') });
        if (globals.json) process.stdout.write(toJson(p));
        else if (!globals.quiet) process.stdout.write(`prospect ${p.id}: ${p.notes.length} note${p.notes.length === 1 ? '' : 's'}\n`);
      });
    });

  outreach
    .command('draft <id>')
    .description('render the outreach email for a prospect; nothing is sent without --send')
    .option('--template <file>', 'template file: a "Subject: ..." line, a blank line, then the body with {{fields}}')
    .option('--html', 'the template body is HTML (fields are HTML-escaped)')
    .option('--your-url <url>', 'the page you want linked (default: the target)')
    .option('--sender <name>', 'your name, for {{sender_name}}')
    .option('--to <address>', 'recipient (default: the first address found on the prospect site; never guessed)')
    .option('--field <name=value>', 'set a merge field (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--send', 'send it through SMTP (needs --smtp and --from, or VOUCH_SMTP_URL and VOUCH_SMTP_FROM)')
    .option('--smtp <url>', 'SMTP server URL, e.g. smtp://user:pass@host:587')
    .option('--from <address>', 'sender address')
    .option('--daily-limit <n>', 'most messages sent per UTC day (default 20)', whole)
    .action(async (id: string, flags: { template?: string; html?: boolean; yourUrl?: string; sender?: string; to?: string; field?: string[]; send?: boolean; smtp?: string; from?: string; dailyLimit?: number }, command: Command) => {
      const globals = globalsOf(command);
      const { draftOutreach, sendOutreach, parseTemplate } = await import('../../prospect/index.js');
      let template;
      if (flags.template !== undefined) {
        let source: string;
        try {
          source = readFileSync(flags.template, 'utf8');
        } catch (err) {
          throw new ValidationError(`cannot read the template ${flags.template}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, [{ where: '--template', message: flags.template }], { code: 'INVALID_CONFIG', cause: err });
        }
        template = parseTemplate(source, flags.html === true || /\.html?$/i.test(flags.template));
      }
      const fields: Record<string, string> = {};
      for (const f of flags.field ?? []) {
        const eq = f.indexOf('=');
        if (eq < 1) throw new ValidationError(`Invalid parameter --field: "${f}" is not name=value`, [{ where: '--field', message: 'name=value' }], { code: 'USAGE' });
        fields[f.slice(0, eq).trim()] = f.slice(eq + 1);
      }
      const options = { ...(template ? { template } : {}), ...(flags.yourUrl ? { yourUrl: flags.yourUrl } : {}), ...(flags.sender ? { senderName: flags.sender } : {}), ...(flags.to ? { to: flags.to } : {}), fields };
      await withAnyStore(command, async (store) => {
        if (!flags.send) {
          const draft = await draftOutreach(store, prospectId(id), options);
          if (globals.json) process.stdout.write(toJson(draft));
          else process.stdout.write(`To: ${draft.to ?? '(no address found: give one with --to)'}\nSubject: ${draft.subject}\n\n${draft.text ?? draft.html ?? ''}\n`);
          return;
        }
        const smtpUrl = flags.smtp ?? process.env.VOUCH_SMTP_URL;
        const from = flags.from ?? process.env.VOUCH_SMTP_FROM;
        if (!smtpUrl || !from) throw new ValidationError('--send needs --smtp and --from (or VOUCH_SMTP_URL and VOUCH_SMTP_FROM)', [{ where: smtpUrl ? '--from' : '--smtp', message: 'required with --send' }], { code: 'USAGE' });
        const sent = await sendOutreach(store, prospectId(id), { ...options, smtpUrl, from, ...(flags.dailyLimit === undefined ? {} : { dailyLimit: flags.dailyLimit }) });
        if (globals.json) process.stdout.write(toJson(sent));
        else if (!globals.quiet) process.stdout.write(`sent to ${sent.to} (${sent.sentToday} today): ${sent.subject}\n`);
      });
    });

  outreach
    .command('optout [value]')
    .description('never email this address or domain again; without a value, list the opt-out list')
    .option('--reason <text>', 'why')
    .action(async (value: string | undefined, flags: { reason?: string }, command: Command) => {
      const globals = globalsOf(command);
      const { addOptOut, listOptOuts } = await import('../../prospect/index.js');
      await withAnyStore(command, async (store) => {
        if (value !== undefined) await addOptOut(store, value, flags.reason ?? null);
        const list = await listOptOuts(store);
        printReport(list, [{ key: 'value', header: 'opted out' }, { key: 'addedAt', header: 'since' }, { key: 'reason', header: 'reason' }], { format: globals.json ? 'json' : 'table', payload: { optOuts: list } });
      });
    });

  outreach
    .command('log')
    .description('every message sent')
    .option('--csv', 'print CSV (RFC 4180, UTF-8)')
    .action(async (flags: { csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const { outreachLog } = await import('../../prospect/index.js');
      await withAnyStore(command, async (store) => {
        const log = await outreachLog(store);
        printReport(log, [{ key: 'id', header: 'id', align: 'right' }, { key: 'sentAt', header: 'sent' }, { key: 'prospectId', header: 'prospect' }, { key: 'to', header: 'to' }, { key: 'subject', header: 'subject' }], { format: flags.csv ? 'csv' : globals.json ? 'json' : 'table', payload: { sent: log } });
      });
    });
}
