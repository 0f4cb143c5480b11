import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEMO_WEB_DEFAULTS } from '../../demo/demo-web-defaults.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { registerDemoServe } from './demo-serve.js';

interface DemoFlags {
  serve: boolean;
  seed: number;
  sites: number;
  pages: number;
  port: number;
}

function integer(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('not a whole number');
  return n;
}

/** `vouch demo`: the main job on the embedded demo web (see run-demo.ts for the steps). */
export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('run the main job on the bundled demo web: serve it on loopback, crawl, rank, audit, report (checked against its ground truth), then serve the dashboard until Ctrl-C')
    .option('--no-serve', 'stop after printing the report instead of serving')
    .option('--seed <n>', 'demo web generator seed', integer, DEMO_WEB_DEFAULTS.seed)
    .option('--sites <n>', 'number of demo domains', integer, DEMO_WEB_DEFAULTS.sites)
    .option('--pages <n>', 'approximate number of demo pages', integer, DEMO_WEB_DEFAULTS.pages)
    .option('--port <n>', 'port of the demo web on each 127.0.0.x address (0: a free one)', integer, 0)
    .action(async (flags: DemoFlags, command: Command) => {
      const globals = globalsOf(command);
      const dir = path.join(globals.data ?? './vouch-data', 'demo');
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const { runDemo } = await import('../internal/run-demo.js');
        const result = await runDemo(
          { dir, seed: flags.seed, sites: flags.sites, pages: flags.pages, serve: flags.serve, port: flags.port, json: globals.json, quiet: globals.quiet },
          {
            out: process.stdout,
            err: process.stderr,
            signal: controller.signal,
            progress: (extra) => createProgress({ quiet: globals.quiet, json: globals.json, ...(extra === undefined ? {} : { extra }) }),
            table: (rows, columns) => printReport(rows, columns, { format: 'table' }),
          },
        );
        if (globals.json) process.stdout.write(toJson(result));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
  registerDemoServe(demo);
}
