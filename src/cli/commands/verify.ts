import type { Command } from 'commander';
import type { VerifyResult } from '../../monitor/index.js';
import { globalsOf } from '../globals.js';
import { addFetchFlags, toVerifyOptions, withStopSignal } from '../internal/monitor-flags.js';
import type { FetchFlags } from '../internal/monitor-flags.js';
import { printReport, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { withAnyStore } from '../with-store.js';

/** `vouch verify <target>`: fetch the source pages of the target's backlinks again and record what changed. */
export function registerVerify(program: Command): void {
  addFetchFlags(
    program
      .command('verify <target>')
      .description('re-fetch the pages linking to a target (politely) and record each backlink as live, lost (with its reason) or recovered; run again to resume'),
  )
    .option('--csv', 'print the event counts as CSV')
    .action(async (target: string, flags: FetchFlags & { csv?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const options = await toVerifyOptions(flags);
      const say = (line: string): void => {
        if (!globals.quiet && !globals.json) process.stderr.write(line + '\n');
      };
      const progress = createProgress({ quiet: globals.quiet, json: globals.json, extra: 'failed {failed}' });
      try {
        const result = await withStopSignal((signal) =>
          withAnyStore(command, async (store) => {
            const { verify } = await import('../../monitor/index.js');
            const verified = await verify(store, target, options, {
              signal,
              onStart: ({ jobId, resumed, pages }) => {
                say(`${resumed ? 'resuming' : 'starting'} verify job ${jobId}: ${pages} source pages`);
                progress.start(pages, 'verify');
              },
              onProgress: (p) => progress.update(p.done, { failed: p.failed }),
            });
            if (verified.state !== 'interrupted') {
              const { settleProspects } = await import('../internal/settle-prospects.js');
              const settled = await settleProspects(store);
              if (settled.won + settled.lost > 0) say(`prospects: ${settled.won} won, ${settled.lost} won links lost (alert raised)`);
            }
            return verified;
          }),
        );
        progress.stop();
        printVerify(result, globals.json ? 'json' : flags.csv ? 'csv' : 'table');
        if (result.state === 'interrupted') {
          say(`interrupted: run the same command again to resume job ${result.jobId}`);
          process.exitCode = 130;
        }
      } finally {
        progress.stop();
      }
    });
}

export function printVerify(result: VerifyResult, format: 'table' | 'json' | 'csv'): void {
  if (format === 'json') {
    process.stdout.write(toJson(result));
    return;
  }
  if (format === 'table') {
    process.stdout.write(
      `verify job ${result.jobId} ${result.state}: ${result.pages} source pages (${result.pagesThisRun} this run, ${result.failedPages} failed), ${result.links} backlinks, ${(result.elapsedMs / 1000).toFixed(1)} s\n`,
    );
    if (result.events.length === 0) {
      process.stdout.write('no change\n');
      return;
    }
  }
  printReport(result.events, [{ key: 'event', header: 'event' }, { key: 'reason', header: 'reason' }, { key: 'links', header: 'links', align: 'right' }], { format });
}
