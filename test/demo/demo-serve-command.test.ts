import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { CommanderError, type Command } from 'commander';
import { runDemoServe } from '../../src/cli/commands/demo-serve.js';
import { createProgram } from '../../src/cli/program.js';
import { readDemoTruth } from '../../src/demo/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function programWithServe(): Command {
  return createProgram();
}

describe('vouch demo serve', () => {
  const tmp = makeTempDir('vouch-demo-cli-');
  after(tmp.cleanup);

  it('serves until aborted, printing JSON with the resolve arguments and truth files', async () => {
    const out = new PassThrough();
    let text = '';
    out.setEncoding('utf8').on('data', (d: string) => (text += d));
    const controller = new AbortController();
    const dataDir = path.join(tmp.dir, 'data');
    const running = runDemoServe({ seed: 1, sites: 20, pages: 200, day: 1, port: 0, dataDir, json: true }, { out, signal: controller.signal });
    while (!text.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const info = JSON.parse(text) as { port: number; resolve: string[]; truthFiles: { day1: string; day2: string }; seeds: string[] };
    assert.ok(info.resolve.every((r) => r.endsWith(`:${info.port}`)));
    assert.equal(info.truthFiles.day1, path.join(dataDir, 'demo', 'demo-truth-day1.json'));
    const truth = await readDemoTruth(info.truthFiles.day1);
    assert.deepEqual(info.seeds, truth.seeds);
    const target = info.resolve.find((r) => r.startsWith('www.acme-shop.test='))!;
    const [ip, port] = target.split('=')[1]!.split(':');
    const status = await new Promise<number>((resolve, reject) => {
      http.get({ host: ip, port: Number(port), path: '/robots.txt', headers: { host: 'www.acme-shop.test' }, agent: false }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      }).on('error', reject);
    });
    assert.equal(status, 200);
    controller.abort();
    await running;
  });

  it('rejects a bad --day or --sites as a usage error', async () => {
    await assert.rejects(programWithServe().parseAsync(['demo', 'serve', '--day', '3'], { from: 'user' }), (err: unknown) => err instanceof CommanderError && err.code === 'commander.invalidArgument');
    await assert.rejects(programWithServe().parseAsync(['demo', 'serve', '--sites', 'many'], { from: 'user' }), (err: unknown) => err instanceof CommanderError && err.code === 'commander.invalidArgument');
  });
});
