/** The monitoring commands as a user runs them: schedules, alert rules, and bad input. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { CHDB_SKIP } from '../store/contract/chdb-store.js';

const temp = makeTempDir('vouch-monitor-cli-');
const empty = [makeTempDir('vouch-monitor-cli-a-'), makeTempDir('vouch-monitor-cli-b-'), makeTempDir('vouch-monitor-cli-c-')];

before(async () => {
  const store = await openStore({ dataDir: temp.dir });
  await addTarget(store, { value: 'shop.test' });
  await store.close();
});

after(() => {
  temp.cleanup();
  for (const t of empty) t.cleanup();
});

describe('vouch verify / monitor / alerts', () => {
  it('refuses bad input with the right exit code and error code', async () => {
    const [unknown, cron, channel] = await Promise.all([
      runCli(['--data', empty[0]!.dir, 'verify', 'nope.test']),
      runCli(['--data', empty[1]!.dir, 'monitor', 'shop.test', '--every', 'every day']),
      runCli(['--data', empty[2]!.dir, 'alerts', 'channel', 'add', 'shop.test']),
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /\[NOT_FOUND\]/);
    assert.equal(cron.code, 2);
    assert.match(cron.stderr, /\[USAGE\]/);
    assert.equal(channel.code, 2);
    assert.match(channel.stderr, /\[USAGE\]/);
  });

  it('stores a schedule and a rule, and says when a rule cannot fire yet', async () => {
    const saved = await runCli(['--data', temp.dir, 'monitor', 'shop.test', '--every', '0 6 * * *', '--resolve', 'shop.test=127.0.0.1:9', '--allow-private']);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, /scheduled shop\.test every "0 6 \* \* \*"/);
    const rule = await runCli(['--data', temp.dir, 'alerts', 'rule', 'add', 'shop.test', 'new-toxic', '60']);
    assert.equal(rule.code, 0, rule.stderr);
    assert.match(rule.stderr, /cannot fire until vouch audit/);
    const list = await runCli(['--data', temp.dir, '--json', 'monitor', '--list']);
    assert.equal(list.code, 0, list.stderr);
    const schedules = JSON.parse(list.stdout) as { target: string; cron: string; options: { allowPrivate: boolean; resolve: string[] } }[];
    assert.deepEqual(schedules.map((s) => [s.target, s.cron, s.options.allowPrivate, s.options.resolve]), [['shop.test', '0 6 * * *', true, ['shop.test=127.0.0.1:9']]]);
  });

  it('runs on the ClickHouse store too (--store chdb://…)', { skip: CHDB_SKIP ?? false }, async () => {
    const store = `chdb://${empty[0]!.dir}/ch?database=monitor_cli`;
    const added = await runCli(['--store', store, 'targets', 'add', 'shop.test']);
    assert.equal(added.code, 0, added.stderr);
    const saved = await runCli(['--store', store, 'monitor', 'shop.test', '--every', '0 6 * * *', '--resolve', 'shop.test=127.0.0.1:9', '--allow-private']);
    assert.equal(saved.code, 0, saved.stderr);
    const rule = await runCli(['--store', store, 'alerts', 'rule', 'add', 'shop.test', 'lost-authority', '40']);
    assert.equal(rule.code, 0, rule.stderr);
    const list = await runCli(['--store', store, '--json', 'monitor', '--list']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual((JSON.parse(list.stdout) as { target: string; cron: string }[]).map((s) => [s.target, s.cron]), [['shop.test', '0 6 * * *']]);
  });
});
