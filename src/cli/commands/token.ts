import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';
import { withAnyStore } from '../with-store.js';

/** `vouch token create|list|revoke`: bearer tokens for the HTTP API. */
export function registerToken(program: Command): void {
  const token = program.command('token').description('manage API tokens for vouch serve');

  token
    .command('create')
    .description('create an API token and print it once (only its SHA-256 is stored)')
    .option('--name <name>', 'what the token is for', 'default')
    .addOption(new Option('--scope <scope>', 'read (reports only) or write (reports and targets)').choices(['read', 'write']).default('write'))
    .action(async (flags: { name: string; scope: 'read' | 'write' }, command: Command) => {
      const globals = globalsOf(command);
      const { createApiToken } = await import('../../api/index.js');
      await withAnyStore(command, async (store) => {
        const { token: secret, info } = await createApiToken(store, { name: flags.name, scope: flags.scope });
        if (globals.json) {
          process.stdout.write(JSON.stringify({ token: secret, ...info }, null, 2) + '\n');
          return;
        }
        process.stdout.write(`${secret}\n`);
        if (!globals.quiet) process.stderr.write(`Token ${info.id} (${info.scope}) created. It is shown only now: store it safely. Send it as "Authorization: Bearer <token>".\n`);
      });
    });

  token
    .command('list')
    .description('list API tokens (never their secrets)')
    .action(async (_flags: unknown, command: Command) => {
      const globals = globalsOf(command);
      const { listApiTokens } = await import('../../api/index.js');
      await withAnyStore(command, async (store) => {
        const tokens = await listApiTokens(store);
        printReport(tokens, [
          { key: 'id', header: 'id', align: 'right' },
          { key: 'name', header: 'name' },
          { key: 'prefix', header: 'starts with' },
          { key: 'scope', header: 'scope' },
          { key: 'createdAt', header: 'created' },
          { key: 'lastUsedAt', header: 'last used' },
          { key: 'revokedAt', header: 'revoked' },
        ], { format: globals.json ? 'json' : 'table', payload: tokens });
      });
    });

  token
    .command('revoke <id>')
    .description('revoke an API token by id')
    .action(async (id: string, _flags: unknown, command: Command) => {
      if (!/^\d+$/.test(id)) throw new InvalidArgumentError('expected a token id (see vouch token list)');
      const { revokeApiToken } = await import('../../api/index.js');
      await withAnyStore(command, async (store) => {
        await revokeApiToken(store, Number(id));
        if (!globalsOf(command).quiet) process.stdout.write(`revoked token ${id}\n`);
      });
    });
}
