import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createProgress } from '../../src/cli/progress.js';

function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  Object.assign(stream, { isTTY, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, written: () => text };
}

describe('createProgress', () => {
  const saved = process.env.CI;
  const run = (isTTY: boolean, opts: { quiet?: boolean; json?: boolean } = {}): string => {
    delete process.env.CI;
    const t = terminal(isTTY);
    const p = createProgress({ ...opts, stream: t.stream });
    p.start(10, 'crawl');
    p.increment(5);
    p.stop();
    if (saved !== undefined) process.env.CI = saved;
    return t.written();
  };

  it('draws a bar on a terminal', () => {
    assert.match(run(true), /crawl .*50%/);
  });
  it('prints nothing when the output is not a terminal', () => {
    assert.equal(run(false), '');
  });
  it('prints nothing with --quiet or --json even on a terminal', () => {
    assert.equal(run(true, { quiet: true }), '');
    assert.equal(run(true, { json: true }), '');
  });
});
