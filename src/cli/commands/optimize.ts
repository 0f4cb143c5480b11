import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { toJson } from '../output.js';
import { withAnyStore } from '../with-store.js';

/** `vouch optimize`: store maintenance after large crawls or imports. */
export function registerOptimize(program: Command): void {
  program
    .command('optimize')
    .description(
      "store maintenance after large crawls or imports: on DuckDB, rewrite the links table in destination order so that reports read only a target's row groups (rewrites every link), then rebuild the link rollup (per-domain and per-anchor backlink counts that the anchors and backlinks reports read until the next link write); on ClickHouse, merge every table's row versions (OPTIMIZE … FINAL)",
    )
    .option('--min-links <n>', 'DuckDB: skip when the store holds fewer links than this', (v) => Number(v), 0)
    .action(async (flags: { minLinks: number }, command: Command) => {
      const globals = globalsOf(command);
      const { buildLinkRollup, clusterLinks, optimizeClickHouse, ClickHouseStore } = await import('../../store/index.js');
      await withAnyStore(command, async (store) => {
        if (store instanceof ClickHouseStore) {
          const result = await optimizeClickHouse(store);
          if (globals.json) process.stdout.write(toJson(result));
          else if (!globals.quiet) process.stdout.write(`${result.links} links; ${result.versionsMerged} superseded row versions merged away in ${(result.elapsedMs / 1000).toFixed(1)} s\n`);
          return;
        }
        const result = await clusterLinks(store, { minLinks: flags.minLinks });
        // After the rewrite, which counts as a link write: built first, the rollup would be stale at once.
        const rollup = await buildLinkRollup(store);
        if (globals.json) process.stdout.write(toJson({ ...result, rollup }));
        else if (!globals.quiet) {
          process.stdout.write(result.clustered ? `${result.links} links reordered by destination in ${(result.elapsedMs / 1000).toFixed(1)} s\n` : `${result.links} links: fewer than --min-links, left as they are\n`);
          process.stdout.write(`link rollup: ${rollup.domainRows} domain rows, ${rollup.anchorRows} anchor rows in ${(rollup.elapsedMs / 1000).toFixed(1)} s\n`);
        }
      });
    });
}
