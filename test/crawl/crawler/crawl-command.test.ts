/**
 * `vouch crawl` as a command: flags parse into the crawler's options, mistakes are usage errors
 * (exit 2) before anything starts, and a run prints its summary.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exitCodeFor } from '../../../src/cli/exit-code.js';
import { createProgram } from '../../../src/cli/program.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startCli as startCrawlCli } from '../../helpers/run-cli.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { TestWeb } from './fixtures/test-web.js';

const temp = makeTempDir('vouch-crawl-cli-');
let web: TestWeb;
before(async () => {
  web = await startTestWeb({
    'a.test': (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : p === '/' ? html(res, linksPage(['/x', '/gone', 'http://b.test/'])) : p === '/gone' ? html(res, 'gone', 404) : html(res, linksPage(['/']))),
    'b.test': (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : html(res, linksPage(['/'], 'b'))),
  });
});
after(async () => {
  await web.close();
  temp.cleanup();
});

async function exitCodeOf(args: string[]): Promise<number> {
  const program = createProgram();
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const c of program.commands) c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    await program.parseAsync(['--data', path.join(temp.dir, 'usage'), ...args], { from: 'user' });
    return 0;
  } catch (err) {
    return exitCodeFor(err);
  }
}

describe('vouch crawl', () => {
  it('turns mistakes into usage errors before crawling', async () => {
    const bad: string[][] = [
      ['crawl'],
      ['crawl', 'ftp://a.test/'],
      ['crawl', 'not a url'],
      ['crawl', 'http://a.test/', '--scope', 'planet'],
      ['crawl', 'http://a.test/', '--scope', `list:${path.join(temp.dir, 'missing.txt')}`],
      ['crawl', 'http://a.test/', '--max-pages', '0'],
      ['crawl', 'http://a.test/', '--per-host', 'two'],
      ['crawl', 'http://a.test/', '--delay', '-5'],
      ['crawl', 'http://a.test/', '--max-bytes', '5XB'],
      ['crawl', 'http://a.test/', '--resolve', 'a.test'],
      ['crawl', 'http://a.test/', '--resolve', 'a.test=not-an-ip'],
      ['crawl', 'http://a.test/', '--include', '/[unclosed/'],
      ['crawl', 'http://a.test/', '--store-memory', 'lots'],
      ['crawl', 'http://a.test/', '--store-memory', '0MB'],
    ];
    for (const args of bad) assert.equal(await exitCodeOf(args), 2, args.join(' '));
    assert.equal(web.requests.length, 0);
  });

  it('crawls and prints the summary; a list scope comes from a file', async () => {
    const list = path.join(temp.dir, 'scope.txt');
    writeFileSync(list, '# the sites to crawl\na.test\nb.test\n');
    const args = ['--data', path.join(temp.dir, 'data'), 'crawl', 'http://a.test/', '--scope', `list:${list}`, '--delay', '0', '--max-bytes', '1MB', '--resolve', web.resolve('a.test'), '--resolve', web.resolve('b.test'), '--allow-private'];
    const run = await startCrawlCli(args).done;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /starting crawl job 1/);
    assert.match(run.stdout, /crawl job 1 done: 4 pages on 2 hosts, 5 links/);
    assert.match(run.stdout, /404\s*│?\s*1/);
    assert.match(run.stdout, /\ba\b.*\b5\b/);
    // Once done, the same command is a new crawl (a recrawl), not a resume.
    const again = await startCrawlCli([...args, '--quiet']).done;
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, '');
    assert.match(again.stdout, /crawl job 2 done/);
  });
});
