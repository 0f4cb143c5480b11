import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEMO_WEB_DEFAULTS } from '../../demo/demo-web-defaults.js';
import { globalsOf } from '../globals.js';

interface DemoServeFlags {
  seed: number;
  sites: number;
  pages: number;
  day: 1 | 2;
  port: number;
  truthDir?: string;
}

function integer(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('not a whole number');
  return n;
}

function day(value: string): 1 | 2 {
  if (value !== '1' && value !== '2') throw new InvalidArgumentError('must be 1 or 2');
  return Number(value) as 1 | 2;
}

/**
 * Serve the demo web until `signal` aborts; prints where it listens and the --resolve arguments.
 * Exported for tests; the command below wires it to SIGINT/SIGTERM.
 */
export async function runDemoServe(flags: DemoServeFlags & { dataDir: string | undefined; json: boolean }, io: { out: NodeJS.WritableStream; signal: AbortSignal }): Promise<void> {
  const { serveDemo } = await import('../../demo/index.js');
  const dir = flags.truthDir ?? path.join(flags.dataDir ?? './vouch-data', 'demo');
  const { server, truthFiles, resolveArgs, seeds } = await serveDemo({ dir, seed: flags.seed, sites: flags.sites, pages: flags.pages, day: flags.day, port: flags.port });
  try {
    if (flags.json) {
      io.out.write(JSON.stringify({ port: server.port, addresses: server.addresses, day: server.day, truthFiles, resolve: resolveArgs, seeds }) + '\n');
    } else {
      io.out.write(`demo web: ${server.hosts.length} hosts on ${server.addresses.join(', ')} port ${server.port} (day ${server.day})\n`);
      io.out.write(`truth:    ${truthFiles.day1}\n          ${truthFiles.day2}\n`);
      io.out.write('crawl it with:\n');
      for (const arg of resolveArgs) io.out.write(`  --resolve ${arg}\n`);
      io.out.write('press Ctrl-C to stop\n');
    }
    if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  } finally {
    await server.close();
  }
}

/** `vouch demo serve`: register under the `demo` command. */
export function registerDemoServe(demo: Command): void {
  demo
    .command('serve')
    .description('serve the demo web on 127.0.0.x (one port, routed by Host) and write its ground truth; prints the --resolve arguments')
    .option('--seed <n>', 'generator seed', integer, DEMO_WEB_DEFAULTS.seed)
    .option('--sites <n>', 'number of domains', integer, DEMO_WEB_DEFAULTS.sites)
    .option('--pages <n>', 'approximate number of HTML pages', integer, DEMO_WEB_DEFAULTS.pages)
    .option('--day <1|2>', 'day to serve first (2: links added and removed)', day, DEMO_WEB_DEFAULTS.day)
    .option('--port <n>', 'port on every address; 0 picks a free one', integer, 0)
    .option('--truth-dir <dir>', 'folder for demo-truth-day1.json and demo-truth-day2.json (default: <data>/demo)')
    .action(async (flags: DemoServeFlags, command: Command) => {
      const globals = globalsOf(command);
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await runDemoServe({ ...flags, dataDir: globals.data, json: globals.json }, { out: process.stdout, signal: controller.signal });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
