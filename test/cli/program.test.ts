import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { createProgram } from '../../src/cli/program.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('vouch CLI', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  it('parses global flags anywhere on the line (createProgram, no process)', async () => {
    const program = createProgram();
    let seen: Record<string, unknown> = {};
    program.commands.find((c) => c.name() === 'info')!.action((_o, cmd: typeof program) => {
      seen = cmd.optsWithGlobals();
    });
    await program.parseAsync(['info', '--json', '--data', '/x', '--quiet'], { from: 'user' });
    assert.equal(seen.json, true);
    assert.equal(seen.data, '/x');
    assert.equal(seen.quiet, true);
  });

  it('rejects an unknown flag as a usage error (CommanderError)', async () => {
    await assert.rejects(createProgram().parseAsync(['--definitely-not-a-flag'], { from: 'user' }), (err: unknown) => err instanceof CommanderError && err.code === 'commander.unknownOption');
  });

  it('exits 2 on an unknown flag and an unknown command', async () => {
    const flag = await runCli(['info', '--nope']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /unknown option/);
    const cmd = await runCli(['no-such-command']);
    assert.equal(cmd.code, 2);
  });

  it('prints help and version with exit 0', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: vouch/);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  it('reports a data directory that cannot be written as one line with exit 1, and the stack only with --debug', async () => {
    const blocker = path.join(tmp.dir, 'file');
    writeFileSync(blocker, 'x');
    const plain = await runCli(['info', '--data', path.join(blocker, 'data')]);
    assert.equal(plain.code, 1);
    assert.equal(plain.stderr.trim().split('\n').length, 1);
    assert.match(plain.stderr, /STORE_UNWRITABLE/);
    const debug = await runCli(['info', '--debug', '--data', path.join(blocker, 'data')]);
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /at .*duckdb-store\.ts/);
  });

  it('reports a corrupt database file as one line with exit 1', async () => {
    const dir = path.join(tmp.dir, 'corrupt');
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(path.join(dir, 'vouch.duckdb'), Buffer.alloc(32 * 1024, 7));
    const run = await runCli(['info', '--data', dir]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /STORE_CORRUPT/);
  });

  it('honours VOUCH_DATA and prints JSON with --json', async () => {
    const dir = path.join(tmp.dir, 'env-data');
    const run = await runCli(['info', '--json'], { env: { VOUCH_DATA: dir } });
    assert.equal(run.code, 0, run.stderr);
    const body = JSON.parse(run.stdout) as { databasePath: string; tables: Record<string, number> };
    assert.equal(body.databasePath, path.join(dir, 'vouch.duckdb'));
    assert.equal(body.tables.links, 0);
  });

  it('prints CSV with --csv', async () => {
    const run = await runCli(['info', '--csv', '--data', path.join(tmp.dir, 'csv')]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.split('\r\n')[0], 'table,rows', 'RFC 4180: CRLF line ends');
  });
});
