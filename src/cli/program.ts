import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { registerAlerts } from './commands/alerts.js';
import { registerAnchors } from './commands/anchors.js';
import { registerAudit } from './commands/audit.js';
import { registerBacklinks } from './commands/backlinks.js';
import { registerBroken } from './commands/broken.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDisavow } from './commands/disavow.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerExtract } from './commands/extract.js';
import { registerHistory } from './commands/history.js';
import { registerImport } from './commands/import.js';
import { registerInfo } from './commands/info.js';
import { registerIngest } from './commands/ingest.js';
import { registerIntersect } from './commands/intersect.js';
import { registerMonitor } from './commands/monitor.js';
import { registerOptimize } from './commands/optimize.js';
import { registerOutlinks } from './commands/outlinks.js';
import { registerOutreach } from './commands/outreach.js';
import { registerPages } from './commands/pages.js';
import { registerProspects } from './commands/prospects.js';
import { registerRank } from './commands/rank.js';
import { registerRefdomains } from './commands/refdomains.js';
import { registerRobots } from './commands/robots.js';
import { registerServe } from './commands/serve.js';
import { registerTargets } from './commands/targets.js';
import { registerToken } from './commands/token.js';
import { registerVerify } from './commands/verify.js';
import { registerWorker } from './commands/worker.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Every command, in the order `--help` lists them. Each file registers one command and holds no logic. */
const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerDemo,
  registerCrawl,
  registerWorker,
  registerRobots,
  registerExtract,
  registerImport,
  registerIngest,
  registerRank,
  registerTargets,
  registerBacklinks,
  registerRefdomains,
  registerAnchors,
  registerPages,
  registerBroken,
  registerIntersect,
  registerHistory,
  registerOutlinks,
  registerProspects,
  registerOutreach,
  registerAudit,
  registerDisavow,
  registerVerify,
  registerMonitor,
  registerAlerts,
  registerExport,
  registerOptimize,
  registerServe,
  registerToken,
  registerInfo,
];

/**
 * Build the `vouch` command line. Exported so tests can parse argument arrays without a process.
 * @example await createProgram().parseAsync(['info', '--json'], { from: 'user' });
 */
export function createProgram(): Command {
  const program = new Command('vouch')
    .description('Self-hosted backlink intelligence: discover, judge, clean, monitor and grow your backlinks from data you own.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .addOption(new Option('--data <dir>', 'data directory holding vouch.duckdb').env('VOUCH_DATA').default(undefined, './vouch-data'))
    .addOption(new Option('--store <url>', 'a ClickHouse store instead of the DuckDB file: clickhouse://host:8123/db[?cluster=name]').env('VOUCH_STORE'))
    .option('--json', 'print machine-readable JSON instead of tables', false)
    .option('-q, --quiet', 'print only results: no progress, no notes', false)
    .option('--debug', 'print stack traces on errors', false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .action(() => {
      program.outputHelp();
    });
  for (const register of COMMANDS) register(program);
  return program;
}
