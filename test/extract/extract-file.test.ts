import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { NotFoundError, ValidationError } from '../../src/core/errors.js';
import { extractFile } from '../../src/extract/index.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const HTML = '<html lang="en"><title>Saved</title><nav><a href="/home">Home</a></nav><p>See <a href="https://shop.test/x" rel="sponsored">the shop</a>.</p>';

describe('extractFile', () => {
  const tmp = makeTempDir();
  after(() => tmp.cleanup());
  const file = path.join(tmp.dir, 'page.html');
  writeFileSync(file, HTML);

  it('streams a file through the extractor', async () => {
    const r = await extractFile(file, { url: 'http://blog.test/post' });
    assert.equal(r.page.title, 'Saved');
    assert.deepEqual(r.links.map((l) => [l.dstUrl, l.position, l.sponsored]), [
      ['http://blog.test/home', 'nav', false],
      ['https://shop.test/x', 'body', true],
    ]);
  });

  it('throws NotFoundError for a missing file and INVALID_URL for a bad base', async () => {
    await assert.rejects(extractFile(path.join(tmp.dir, 'nope.html'), { url: 'http://a.test/' }), (e: unknown) => e instanceof NotFoundError);
    await assert.rejects(extractFile(file, { url: 'nope' }), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_URL');
  });
});

describe('vouch extract (command)', () => {
  const tmp = makeTempDir();
  after(() => tmp.cleanup());
  const file = path.join(tmp.dir, 'page.html');
  writeFileSync(file, HTML);

  // The real binary in a child process: node:test's own reporter shares this process's stdout.
  async function run(args: string[]): Promise<string> {
    const r = await runCli(args);
    if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  it('prints JSON with --json', async () => {
    const out = JSON.parse(await run(['--json', 'extract', file, '--base', 'http://blog.test/post'])) as { links: Array<{ dstUrl: string }>; page: { lang: string } };
    assert.deepEqual(out.links.map((l) => l.dstUrl), ['http://blog.test/home', 'https://shop.test/x']);
    assert.equal(out.page.lang, 'en');
  });

  it('prints a table with the page facts, and CSV with --csv', async () => {
    const table = await run(['extract', file, '--base', 'http://blog.test/post']);
    assert.match(table, /title\s+Saved/);
    assert.match(table, /https:\/\/shop\.test\/x/);
    const csv = await run(['extract', file, '--base', 'http://blog.test/post', '--csv', '-q']);
    assert.equal(csv.split('\r\n')[0], 'kind,dstUrl,anchor,rel,position,hidden,context');
    assert.ok(csv.split('\r\n').includes('a,https://shop.test/x,the shop,sponsored,body,false,Home See the shop.'), csv);
  });

  it('requires --base', async () => {
    await assert.rejects(run(['extract', file]), /--base/);
  });
});
