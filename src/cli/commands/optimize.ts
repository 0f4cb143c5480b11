import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { toJson } from '../output.js';
import { withStore } from '../with-store.js';

/** `vouch optimize`: store maintenance after large crawls or imports. */
export function registerOptimize(program: Command): void {
  program
    .command('optimize')
    .description("rewrite the links table in destination order, so that reports read only a target's row groups (worth it after large crawls or imports; rewrites every link)")
    .option('--min-links <n>', 'skip when the store holds fewer links than this', (v) => Number(v), 0)
    .action(async (flags: { minLinks: number }, command: Command) => {
      const globals = globalsOf(command);
      const { clusterLinks } = await import('../../store/index.js');
      await withStore(command, async (store) => {
        const result = await clusterLinks(store, { minLinks: flags.minLinks });
        if (globals.json) process.stdout.write(toJson(result));
        else if (!globals.quiet) process.stdout.write(result.clustered ? `${result.links} links reordered by destination in ${(result.elapsedMs / 1000).toFixed(1)} s\n` : `${result.links} links: fewer than --min-links, left as they are\n`);
      });
    });
}
