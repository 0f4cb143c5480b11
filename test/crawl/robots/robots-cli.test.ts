import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import { registerRobots, runRobotsCheck } from '../../../src/cli/commands/robots.js';
import { NotFoundError } from '../../../src/core/errors.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

function sink(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out, text: () => text };
}

describe('vouch robots check', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  const file = path.join(tmp.dir, 'robots.txt');
  writeFileSync(file, 'User-agent: *\nDisallow: /private\nSitemap: https://a.test/sitemap.xml\n\nUser-agent: Googlebot\nDisallow: /\n');

  it('prints a verdict per URL as JSON, for Vouch by default', async () => {
    const { out, text } = sink();
    await runRobotsCheck(['https://a.test/private/x', 'https://a.test/public'], { robots: file, json: true, quiet: false }, { out });
    const result = JSON.parse(text()) as { agent: string; results: { allowed: boolean; rule: string | null; line: number | null }[]; sitemaps: string[] };
    assert.equal(result.agent, 'Vouch');
    assert.deepEqual(result.results.map((r) => [r.allowed, r.rule, r.line]), [[false, 'Disallow: /private', 2], [true, null, null]]);
    assert.deepEqual(result.sitemaps, ['https://a.test/sitemap.xml']);
  });

  it('applies the group of --agent, reads stdin with -, and prints a table', async () => {
    const { out, text } = sink();
    await runRobotsCheck(['https://a.test/public'], { robots: '-', agent: 'Googlebot/2.1', json: false, quiet: false }, { out, stdin: Readable.from([Buffer.from('User-agent: Googlebot\nDisallow: /\n')]) });
    assert.match(text(), /agent\s+Googlebot/);
    assert.match(text(), /https:\/\/a\.test\/public\s.*disallowed.*Disallow: \//);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    await assert.rejects(runRobotsCheck(['/x'], { robots: path.join(tmp.dir, 'nope.txt'), json: true, quiet: false }, { out: sink().out }), (e: unknown) => e instanceof NotFoundError && e.code === 'NOT_FOUND');
  });

  it('registers as `robots check` with a required --robots', async () => {
    const program = new Command('vouch').exitOverride().option('--json').option('-q, --quiet');
    program.configureOutput({ writeErr: () => undefined });
    registerRobots(program);
    const check = program.commands.find((c) => c.name() === 'robots')!.commands.find((c) => c.name() === 'check')!;
    check.exitOverride();
    await assert.rejects(program.parseAsync(['robots', 'check', 'https://a.test/'], { from: 'user' }), (e: unknown) => (e as { code?: string }).code === 'commander.missingMandatoryOptionValue');
  });
});
