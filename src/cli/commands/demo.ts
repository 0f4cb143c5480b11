import type { Command } from 'commander';
import { registerDemoServe } from './demo-serve.js';

/** `vouch demo`: the main job on the embedded demo web. Wired to the demo web once it lands. */
export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('run the main job on the bundled demo web: serve it on loopback, crawl, rank, audit, report, dashboard')
    .option('--no-serve', 'stop after printing the report instead of serving the dashboard')
    .action(() => {
      process.stdout.write('The demo web is not built yet.\n');
    });
  registerDemoServe(demo);
}
