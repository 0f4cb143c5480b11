/**
 * `vouch disavow check` on bad input, through the real binary: invalid lines, a UTF-16 file and a
 * 150,000-line file each give a clear message with line numbers and exit code 1; a good file passes.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir, SHARED_TESTDATA } from '../helpers/temp-dir.js';

describe('vouch disavow check', () => {
  const temp = makeTempDir('vouch-disavow-cli-');
  after(temp.cleanup);
  const file = (name: string, content: string | Buffer): string => {
    const p = path.join(temp.dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('lists each invalid line with its number and rule, and exits 1', async () => {
    const bad = file('bad.txt', '# ok\ndomain:fine.test\nwww.no-prefix.test\ndomain:spam.test/path\nhttp://ok.test/p\n');
    const r = await runCli(['--json', 'disavow', 'check', bad]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { valid: boolean; issues: Array<{ line: number; code: string }> };
    assert.equal(report.valid, false);
    assert.deepEqual(report.issues.map((i) => `${i.line}:${i.code}`), ['3:url-not-http', '4:domain-has-path']);
  });

  it('names UTF-16 as the problem', async () => {
    const utf16 = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('domain:spam.test\r\n', 'utf16le')]));
    const r = await runCli(['disavow', 'check', utf16]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /UTF-16LE; Google accepts only UTF-8 or 7-bit ASCII/);
  });

  it('refuses a 150,000-line file, naming line 100001', async () => {
    const big = file('big.txt', Array.from({ length: 150_000 }, (_, i) => (i % 10 === 0 ? `domain:s${i}.test` : '#')).join('\n') + '\n');
    const r = await runCli(['disavow', 'check', big]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /100001 .*too-many-lines.*150000 lines; Google accepts at most 100000/);
  });

  it('passes Google’s documented layout, and the usage errors exit 2', async () => {
    const r = await runCli(['disavow', 'check', path.join(SHARED_TESTDATA, 'disavow/google-layout-example.txt')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /5 domain and 0 URL entries; 0 error\(s\), 0 warning\(s\): Google accepts it/);
    const missing = await runCli(['disavow', 'check', path.join(temp.dir, 'nope.txt')]);
    assert.equal(missing.code, 2);
    const threshold = await runCli(['--data', temp.dir, 'audit', 'acme', '--threshold', '300']);
    assert.equal(threshold.code, 2);
  });
});
