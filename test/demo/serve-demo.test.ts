import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { generateDemoWeb, readDemoTruth, serveDemo, writeDemoTruth } from '../../src/demo/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('serveDemo and the truth file', () => {
  const tmp = makeTempDir('vouch-demo-');
  after(tmp.cleanup);

  it('writes both days of truth, serves the web and returns the resolve arguments', async () => {
    const dir = path.join(tmp.dir, 'nested', 'demo');
    const { server, truthFiles, resolveArgs, seeds } = await serveDemo({ dir, seed: 2, sites: 20, pages: 200 });
    try {
      const day1 = await readDemoTruth(truthFiles.day1);
      const day2 = await readDemoTruth(truthFiles.day2);
      assert.equal(day1.day, 1);
      assert.equal(day2.day, 2);
      assert.ok(day2.diff && day2.diff.removed.length > 0);
      assert.deepEqual(day1, generateDemoWeb({ seed: 2, sites: 20, pages: 200 }).truth);
      assert.equal(resolveArgs.length, server.hosts.length);
      assert.deepEqual(seeds, day1.seeds);
      assert.equal((await server.get('http://www.acme-shop.test/')).status, 200);
      server.setDay(2);
      assert.equal(server.truth.day, 2);
    } finally {
      await server.close();
    }
  });

  it('round-trips through writeDemoTruth and readDemoTruth, and rejects other JSON', async () => {
    const web = generateDemoWeb({ seed: 8, sites: 20, pages: 150 });
    const file = path.join(tmp.dir, 'truth.json');
    await writeDemoTruth(web, file);
    assert.deepEqual(await readDemoTruth(file), web.truth);
    const bad = path.join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{"links": 3}');
    await assert.rejects(readDemoTruth(bad), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_INPUT');
  });
});
