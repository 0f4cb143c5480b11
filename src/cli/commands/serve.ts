import { existsSync, readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { withAnyStore } from '../with-store.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

interface ServeFlags {
  port: number;
  host: string;
  corsOrigin?: string[];
  static?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** `vouch serve`: the HTTP API (and the dashboard, once built) over the store, until Ctrl-C. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the reports over HTTP under /api/v1 (bearer tokens: vouch token create), and the dashboard when built')
    .option('--port <port>', 'port to listen on (0: any free port)', port, 8080)
    .option('--host <address>', 'address to listen on; 127.0.0.1 keeps it to this machine', '127.0.0.1')
    .option('--cors-origin <origin>', 'allow browser calls from this origin (repeatable; none by default)', collect)
    .option('--static <dir>', 'serve this built dashboard at / (default: web/dist when it exists)')
    .action(async (flags: ServeFlags, command: Command) => {
      const globals = globalsOf(command);
      const { createApp, startServer, listApiTokens } = await import('../../api/index.js');
      const packageRoot = new URL('../../../', import.meta.url);
      const version = (JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }).version;
      const defaultStatic = new URL('web/dist/', packageRoot).pathname;
      const staticDir = flags.static ?? (existsSync(defaultStatic) ? defaultStatic : null);
      await withAnyStore(command, async (store) => {
        const app = createApp({ store, version, corsOrigins: flags.corsOrigin ?? [], staticDir });
        const server = await startServer(app, { port: flags.port, host: flags.host });
        const note = (line: string): void => {
          if (!globals.quiet) process.stderr.write(line + '\n');
        };
        process.stdout.write(`listening on ${server.url} (API: ${server.url}/api/v1, OpenAPI: ${server.url}/api/v1/openapi.json)\n`);
        if (staticDir) note(`dashboard: ${server.url}/ (sign in with an API token)`);
        else note('note: the dashboard is not built; build it with: npm run build:web');
        if (!LOOPBACK.test(flags.host)) note(`note: listening on ${flags.host}, reachable from other machines; put TLS in front of it`);
        // Only DuckDB has one owner of its file: a ClickHouse store takes the token while the server runs.
        if ((await listApiTokens(store)).every((t) => t.revokedAt !== null)) note(`note: no API token yet; create one with: vouch token create${store.dialect === 'duckdb' ? ' (while the server is stopped)' : ''}`);
        const { startMonitorSchedules } = await import('../../monitor/index.js');
        const { settleProspects } = await import('../internal/settle-prospects.js');
        const schedules = await startMonitorSchedules(store, {
          onRun: async (s, o) => {
            note(o.error === undefined ? `monitor ${s.target}: ${o.result?.state}` : `monitor ${s.target} failed: ${(o.error as Error).message}`);
            if (o.error !== undefined) return;
            try {
              const settled = await settleProspects(store);
              if (settled.won + settled.lost > 0) note(`prospects: ${settled.won} won, ${settled.lost} won links lost`);
            } catch (err) {
              note(`prospects not updated: ${(err as Error).message}`);
            }
          },
        });
        if (schedules.schedules.length > 0) note(`monitoring ${schedules.schedules.length} targets on their schedules (vouch monitor --list)`);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        note('stopping');
        await schedules.stop();
        await server.close();
      });
    });
}
