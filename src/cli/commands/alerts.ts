import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { globalsOf } from '../globals.js';
import { integer } from '../internal/monitor-flags.js';
import { formatOf, printReport, toJson } from '../output.js';
import { withAnyStore } from '../with-store.js';

function number(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

async function targetId(store: Parameters<Parameters<typeof withAnyStore>[1]>[0], ref: string): Promise<number> {
  const { resolveTarget } = await import('../../reports/index.js');
  return (await resolveTarget(store, ref)).id;
}

/** `vouch alerts ...`: rules, channels, the alerts themselves, and sending them. */
export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('alert rules (lost authority links, new toxic links, referring-domain drops, velocity spikes), channels (webhook, email) and the alerts sent');

  alerts
    .command('list [target]')
    .description('list alerts, newest first, with their delivery status')
    .option('--status <status>', 'pending, delivered, failed or no-channel')
    .option('--limit <n>', 'rows to print', integer(1), 100)
    .option('--csv', 'print CSV')
    .action(async (target: string | undefined, flags: { status?: string; limit: number; csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const { listAlerts } = await import('../../monitor/index.js');
        const rows = await listAlerts(store, { targetId: target === undefined ? undefined : await targetId(store, target), status: flags.status, limit: flags.limit });
        printReport(
          rows,
          [
            { key: 'id', header: 'id', align: 'right' },
            { key: 'target', header: 'target' },
            { key: 'occurredAt', header: 'when (UTC)' },
            { key: 'kind', header: 'rule' },
            { key: 'message', header: 'alert' },
            { key: 'deliveryStatus', header: 'delivery' },
            { key: 'attempts', header: 'attempts', align: 'right' },
          ],
          { format: formatOf({ json: globals.json, csv: flags.csv }) },
        );
      });
    });

  const rule = alerts.command('rule').description('alert rules of a target');
  rule
    .command('add <target> <kind> <threshold>')
    .description('add a rule: lost-authority X (lost link from a domain with authority ≥ X), new-toxic Y (new link from a domain with toxicity ≥ Y), refdomains-drop Z (referring domains down Z % in a day), velocity-spike F (new links in a day ≥ F × the daily mean)')
    .option('--days <n>', 'velocity-spike: days of history to compare with (default 28)', integer(1))
    .option('--min-links <n>', 'velocity-spike: never fire under n new links a day (default 10)', integer(1))
    .action(async (target: string, kind: string, threshold: string, flags: { days?: number; minLinks?: number }, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        const added = await m.addAlertRule(store, await targetId(store, target), kind, number(threshold), { days: flags.days, minLinks: flags.minLinks });
        process.stdout.write(globals.json ? toJson(added) : `added rule ${added.id}: ${added.kind} ≥ ${added.threshold}\n`);
        const note = await m.alertRuleNote(store, added.kind);
        if (note !== null && !globals.quiet && !globals.json) process.stderr.write(`note: ${note}\n`);
      });
    });
  rule
    .command('list [target]')
    .description('list alert rules')
    .action(async (target: string | undefined, _flags: unknown, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        const rows = (await m.listAlertRules(store, target === undefined ? undefined : await targetId(store, target))).map((r) => ({ ...r, days: r.params.days, minLinks: r.params.minLinks }));
        printReport(rows, [{ key: 'id', header: 'id', align: 'right' }, { key: 'targetId', header: 'target', align: 'right' }, { key: 'kind', header: 'rule' }, { key: 'threshold', header: 'threshold', align: 'right' }, { key: 'enabled', header: 'enabled' }], { format: globals.json ? 'json' : 'table' });
      });
    });
  rule
    .command('remove <target> <id>')
    .description('remove a rule')
    .action(async (target: string, id: string, _flags: unknown, command: Command) => {
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        await m.removeAlertRule(store, await targetId(store, target), integer(1)(id));
        process.stdout.write(`removed rule ${id}\n`);
      });
    });

  const channel = alerts.command('channel').description('where alerts of a target go');
  channel
    .command('add <target>')
    .description('add a webhook (--webhook URL, signed with --secret, --slack for a Slack payload) or email (--email TO --smtp URL) channel')
    .option('--webhook <url>', 'POST alerts as JSON to this URL')
    .option('--secret <secret>', 'webhook: sign bodies (X-Vouch-Signature: sha256=HMAC)')
    .option('--slack', 'webhook: send a Slack-compatible { text } payload', false)
    .option('--email <to>', 'send alerts to these addresses (comma separated)')
    .option('--smtp <url>', 'email: SMTP server, smtp://user:pass@host:587 or smtps://host:465')
    .option('--from <address>', 'email: From address', 'vouch@localhost')
    .option('--digest', 'gather alerts into one message, sent by vouch alerts send --digest', false)
    .action(async (target: string, flags: { webhook?: string; secret?: string; slack: boolean; email?: string; smtp?: string; from: string; digest: boolean }, command: Command) => {
      const globals = globalsOf(command);
      if ((flags.webhook === undefined) === (flags.email === undefined)) throw new ValidationError('give either --webhook URL or --email TO', [{ where: '--webhook/--email', message: 'exactly one' }], { code: 'USAGE' });
      if (flags.email !== undefined && flags.smtp === undefined) throw new ValidationError('--email needs --smtp URL', [{ where: '--smtp', message: 'missing' }], { code: 'USAGE' });
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        const input = flags.webhook !== undefined
          ? { kind: 'webhook' as const, url: flags.webhook, secret: flags.secret ?? null, slack: flags.slack, digest: flags.digest }
          : { kind: 'email' as const, url: flags.smtp!, to: flags.email!, from: flags.from, digest: flags.digest };
        const added = await m.addAlertChannel(store, await targetId(store, target), input);
        process.stdout.write(globals.json ? toJson(m.redactChannel(added)) : `added ${added.kind} channel ${added.id}${added.digest ? ' (digest)' : ''}\n`);
      });
    });
  channel
    .command('list [target]')
    .description('list channels (secrets and passwords hidden)')
    .action(async (target: string | undefined, _flags: unknown, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        const rows = (await m.listAlertChannels(store, target === undefined ? undefined : await targetId(store, target))).map(m.redactChannel);
        printReport(rows, [{ key: 'id', header: 'id', align: 'right' }, { key: 'targetId', header: 'target', align: 'right' }, { key: 'kind', header: 'kind' }, { key: 'url', header: 'url' }, { key: 'to', header: 'to' }, { key: 'slack', header: 'slack' }, { key: 'digest', header: 'digest' }, { key: 'secret', header: 'signed' }], { format: globals.json ? 'json' : 'table' });
      });
    });
  channel
    .command('remove <target> <id>')
    .description('remove a channel')
    .action(async (target: string, id: string, _flags: unknown, command: Command) => {
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        await m.removeAlertChannel(store, await targetId(store, target), integer(1)(id));
        process.stdout.write(`removed channel ${id}\n`);
      });
    });

  alerts
    .command('check <target>')
    .description("judge the target's rules against what is stored now (without re-fetching anything) and deliver what fires")
    .action(async (target: string, _flags: unknown, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        const { resolveTarget } = await import('../../reports/index.js');
        const t = await resolveTarget(store, target);
        const evaluated = await m.evaluateAlerts(store, t);
        const delivery = await m.deliverAlerts(store, { targetId: t.id });
        if (globals.json) process.stdout.write(toJson({ ...evaluated, delivery }));
        else {
          process.stdout.write(`${evaluated.alerts.length} new alerts, ${delivery.delivered} delivered, ${delivery.failed} failed\n`);
          for (const a of evaluated.alerts) process.stdout.write(`  ${a.message}\n`);
        }
        if (!globals.quiet) for (const note of evaluated.notes) process.stderr.write(`note: ${note}\n`);
        if (delivery.failed > 0) process.exitCode = 1;
      });
    });
  alerts
    .command('send [target]')
    .description('deliver pending and failed alerts; --digest also sends digest channels everything pending, one message each')
    .option('--digest', 'send digest channels their pending alerts', false)
    .action(async (target: string | undefined, flags: { digest: boolean }, command: Command) => {
      const globals = globalsOf(command);
      await withAnyStore(command, async (store) => {
        const m = await import('../../monitor/index.js');
        const result = await m.deliverAlerts(store, { targetId: target === undefined ? undefined : await targetId(store, target), digest: flags.digest });
        process.stdout.write(globals.json ? toJson(result) : `${result.messages} messages: ${result.delivered} alerts delivered, ${result.failed} failed\n`);
        for (const e of result.errors) process.stderr.write(`channel ${e.channelId}: ${e.error}\n`);
        if (result.failed > 0) process.exitCode = 1;
      });
    });
}
