import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { MonitorOptions, MonitorResult } from '../../monitor/index.js';
import { globalsOf } from '../globals.js';
import { addFetchFlags, integer, toVerifyOptions, withStopSignal } from '../internal/monitor-flags.js';
import type { FetchFlags } from '../internal/monitor-flags.js';
import { printReport, toJson } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { printVerify } from './verify.js';

interface MonitorFlags extends FetchFlags {
  every?: string;
  once: boolean;
  unschedule: boolean;
  list: boolean;
  discover: boolean;
  alerts: boolean;
  maxHosts?: number;
  maxPages?: number;
  maxDepth?: number;
  newHosts?: number;
  crawlSeeds: boolean;
}

/**
 * `vouch monitor <target>`: verify + re-crawl of the source hosts + alerts, once (for system cron) or
 * stored with --every for `vouch serve` to run.
 */
export function registerMonitor(program: Command): void {
  addFetchFlags(
    program
      .command('monitor [target]')
      .description('verify a target\'s backlinks, re-crawl the hosts they come from for new ones, and send alerts; --every stores a schedule that vouch serve runs')
      .option('--every <cron>', 'store a schedule (cron expression, UTC, e.g. "0 6 * * *") run by vouch serve; with --once, also run now')
      .option('--once', 'run once now (the default without --every), e.g. from system cron', false)
      .option('--unschedule', "remove the target's schedule", false)
      .option('--list', 'list the stored schedules', false)
      .option('--no-discover', 'skip the re-crawl of the source hosts')
      .option('--no-alerts', 'skip alert rules and delivery')
      .option('--max-hosts <n>', 're-crawl at most n source hosts, those with most backlinks first (default 50)', integer(1))
      .option('--max-pages <n>', 're-crawl at most n pages in all (default 2000)', integer(1))
      .option('--max-depth <n>', "follow links at most n hops from each host's home page (default 3)", integer(0))
      .option('--new-hosts <n>', 'also re-crawl up to n never-crawled hosts that the source hosts link to (new referring domains; default 0)', integer(0))
      .option('--no-crawl-seeds', 'do not re-crawl the hosts of earlier crawls\' seeds'),
  ).action(async (target: string | undefined, flags: MonitorFlags, command: Command) => {
    const globals = globalsOf(command);
    const format = globals.json ? 'json' : 'table';
    const m = await import('../../monitor/index.js');
    if (flags.list) {
      await withAnyStore(command, async (store) => {
        const rows = await m.listMonitorSchedules(store);
        printReport(rows, [{ key: 'target', header: 'target' }, { key: 'cron', header: 'every' }, { key: 'nextRunAt', header: 'next run (UTC)' }, { key: 'lastRunAt', header: 'last run' }, { key: 'lastState', header: 'last state' }, { key: 'lastError', header: 'last error' }], { format });
      });
      return;
    }
    if (target === undefined) throw new ValidationError('name a target (or use --list)', [{ where: 'target', message: 'missing' }], { code: 'USAGE' });
    if (flags.every !== undefined) {
      try {
        m.parseCron(flags.every);
      } catch (err) {
        if (err instanceof ValidationError) throw new ValidationError(err.message, err.issues, { code: 'USAGE', cause: err });
        throw err;
      }
    }
    const options: MonitorOptions = { ...(await toVerifyOptions(flags)), discover: flags.discover, alerts: flags.alerts, maxHosts: flags.maxHosts, maxPages: flags.maxPages, maxDepth: flags.maxDepth, newHosts: flags.newHosts, crawlSeeds: flags.crawlSeeds };
    const { resolveTarget } = await import('../../reports/index.js');
    const say = (line: string): void => {
      if (!globals.quiet && !globals.json) process.stderr.write(line + '\n');
    };
    if (flags.unschedule) {
      await withAnyStore(command, async (store) => {
        const t = await resolveTarget(store, target);
        const removed = await m.removeMonitorSchedule(store, t.id);
        process.stdout.write(globals.json ? toJson({ target: t.name, removed }) : `${removed ? 'removed the schedule of' : 'no schedule for'} ${t.name}\n`);
      });
      return;
    }
    if (flags.every !== undefined) {
      const saved = await withAnyStore(command, async (store) => m.saveMonitorSchedule(store, (await resolveTarget(store, target)).id, flags.every!, { ...options, fresh: undefined }));
      if (!flags.once) {
        process.stdout.write(globals.json ? toJson(saved) : `scheduled ${saved.target} every "${saved.cron}" (next ${saved.nextRunAt?.toISOString() ?? 'never'}); vouch serve runs it\n`);
        return;
      }
      say(`scheduled ${saved.target} every "${saved.cron}"`);
    }
    const result = await withStopSignal((signal) =>
      withAnyStore(command, async (store) => {
        const ran = await m.runMonitor(store, target, options, {
          signal,
          onStart: ({ jobId, resumed, pages }) => say(`${resumed ? 'resuming' : 'starting'} verify job ${jobId}: ${pages} source pages`),
          onPhase: (phase) => say(`monitor: ${phase}`),
        });
        if (ran.state !== 'interrupted') {
          const { settleProspects } = await import('../internal/settle-prospects.js');
          const settled = await settleProspects(store);
          if (settled.won + settled.lost > 0) say(`prospects: ${settled.won} won, ${settled.lost} won links lost (alert raised)`);
          // Send the won-link-lost alerts now rather than at the next run.
          if (settled.lost > 0 && options.alerts !== false) await m.deliverAlerts(store, {});
        }
        return ran;
      }),
    );
    printMonitor(result, globals.json);
    if (result.state === 'interrupted') {
      say(`interrupted: run the same command again to resume monitor job ${result.jobId}`);
      process.exitCode = 130;
    }
  });
}

function printMonitor(result: MonitorResult, json: boolean): void {
  if (json) {
    process.stdout.write(toJson(result));
    return;
  }
  process.stdout.write(`monitor job ${result.jobId} ${result.state}\n`);
  if (result.verify !== null) printVerify(result.verify, 'table');
  if (result.discover !== null) {
    const d = result.discover;
    process.stdout.write(`re-crawl: ${d.hosts} hosts, ${d.pagesCrawled} pages, ${d.newLinks} new links\n`);
  }
  if (result.alerts !== null) {
    const a = result.alerts;
    process.stdout.write(`alerts: ${a.alerts.length} new, ${a.delivery.delivered} delivered, ${a.delivery.failed} failed\n`);
    for (const alert of a.alerts) process.stdout.write(`  ${alert.message}\n`);
    for (const note of a.notes) process.stderr.write(`note: ${note}\n`);
    for (const e of a.delivery.errors) process.stderr.write(`delivery to channel ${e.channelId} failed: ${e.error}\n`);
  }
}
