import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ValidationError } from '../../src/core/errors.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { readEdgeFile } from '../../src/graph/read-edge-file.js';
import { POLBLOGS_PATH, UKWA_PATH } from './reference-fixtures.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vouch-edges-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The error is a ValidationError whose message and issue name the file and line. */
function namesLine(file: string, line: number) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof ValidationError, String(err));
    assert.equal(err.code, 'INVALID_INPUT');
    assert.equal(err.issues[0]?.where, `${file}:${line}`);
    assert.ok(err.message.includes(`${file}:${line}`));
    return true;
  };
}

function edgePairs(list: Awaited<ReturnType<typeof readEdgeFile>>): string[] {
  const { edges, names } = list;
  return Array.from({ length: edges.edgeCount }, (_, e) => `${names[edges.src[e]]}>${names[edges.dst[e]]}`);
}

describe('readEdgeFile', () => {
  it('reads tsv with or without a header, skipping comments, blank lines and self-loops', async () => {
    const withHeader = await readEdgeFile(write('h.tsv', 'source\ttarget\n# note\na\tb\r\nb\tb\n\nb\tc\n'));
    assert.deepEqual(edgePairs(withHeader), ['a>b', 'b>c']);
    assert.deepEqual(withHeader.names, ['a', 'b', 'c']);
    const bare = await readEdgeFile(write('n.tsv', 'x\ty\ny\tx'));
    assert.deepEqual(edgePairs(bare), ['x>y', 'y>x']);
  });

  it('nodes are the endpoints of the edges left after self-loops are dropped', async () => {
    const list = await readEdgeFile(write('loops.tsv', 'a\ta\nb\tc\n'));
    assert.deepEqual(list.names, ['b', 'c']);
  });

  it('reads weights from a third tsv column and from ukwa counts, merged when duplicated', async () => {
    const tsv = await readEdgeFile(write('w.tsv', 'a\tb\t2\na\tb\t3.5\nb\ta\n'), { weighted: true });
    const g = buildGraph(tsv.edges);
    assert.deepEqual(Array.from(g.out.weights!), [5.5, 1]);
    const ukwa = await readEdgeFile(write('u.tsv.gz', gzipSync('1996|a.uk|b.uk\t4\n1996|b.uk|b.uk\t9\n1996|b.uk|c.uk\t1\n')), { format: 'ukwa', weighted: true });
    assert.deepEqual(edgePairs(ukwa), ['a.uk>b.uk', 'b.uk>c.uk']);
    assert.deepEqual(Array.from(ukwa.edges.weights!.subarray(0, 2)), [4, 1]);
    assert.equal((await readEdgeFile(write('u2.tsv', '1996|a|b\t4\n'), { format: 'ukwa' })).edges.weights, null);
  });

  it('reads the shared UKWA and polblogs graphs', async () => {
    const ukwa = await readEdgeFile(UKWA_PATH, { format: 'ukwa' });
    assert.equal(ukwa.names.length, 55_590);
    assert.equal(ukwa.edges.edgeCount, 184_433 - 10_311);
    const polblogs = await readEdgeFile(POLBLOGS_PATH);
    assert.equal(polblogs.edges.edgeCount, 19_017);
  });

  it('reads a Common Crawl vertices/edges pair and turns host names back', async () => {
    write('cc-host-vertices.txt', '0\tcom.example\n1\tcom.example.www\n2\torg.other\n3\tnet.unused\n');
    const edges = write('cc-host-edges.txt.gz', gzipSync('0\t1\n1\t2\n2\t2\n2\t0\n'));
    const list = await readEdgeFile(edges, { format: 'commoncrawl' });
    assert.deepEqual(edgePairs(list), ['example.com>www.example.com', 'www.example.com>other.org', 'other.org>example.com']);
    assert.deepEqual(list.names, ['example.com', 'www.example.com', 'other.org']);
    const explicit = await readEdgeFile(edges, { format: 'commoncrawl', verticesPath: path.join(dir, 'cc-host-vertices.txt') });
    assert.deepEqual(explicit.names, list.names);
  });

  it('rejects malformed lines with a ValidationError naming file and line', async () => {
    const cases: Array<[string, string, 'tsv' | 'ukwa']> = [
      ['bad1.tsv', 'a\tb\nonly-one-field\n', 'tsv'],
      ['bad2.tsv', 'a\tb\na\tb\tc\td\n', 'tsv'],
      ['bad3.tsv', 'a\tb\na\tb\t-1\n', 'tsv'],
      ['bad4.tsv', 'a\tb\n\tb\n', 'tsv'],
      ['bad5.tsv', '1996|a|b\t1\n1996|a|b\tx\n', 'ukwa'],
      ['bad6.tsv', '1996|a|b\t1\n1996|a\t1\n', 'ukwa'],
      ['bad7.tsv', '1996|a|b\t1\n96|a|b\t1\n', 'ukwa'],
    ];
    for (const [name, text, format] of cases) {
      const file = write(name, text);
      await assert.rejects(readEdgeFile(file, { format }), namesLine(file, 2), name);
    }
    const gz = write('bad.tsv.gz', gzipSync('a\tb\nc\n'));
    await assert.rejects(readEdgeFile(gz), namesLine(gz, 2));
  });

  it('rejects bad Common Crawl files, missing files, corrupt gzip and unknown formats', async () => {
    write('bad-vertices.txt', '0\tcom.a\nx\tcom.b\n');
    const e1 = write('bad-edges.txt', '0\t0\n');
    await assert.rejects(readEdgeFile(e1, { format: 'commoncrawl' }), namesLine(path.join(dir, 'bad-vertices.txt'), 2));
    write('dangling-vertices.txt', '0\tcom.a\n1\tcom.b\n');
    const e2 = write('dangling-edges.txt', '0\t1\n1\t7\n');
    await assert.rejects(readEdgeFile(e2, { format: 'commoncrawl' }), namesLine(e2, 2));
    await assert.rejects(readEdgeFile(write('x.txt', '0\t1\n'), { format: 'commoncrawl' }), ValidationError);
    await assert.rejects(readEdgeFile(path.join(dir, 'missing.tsv')), ValidationError);
    await assert.rejects(readEdgeFile(write('corrupt.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]))), ValidationError);
    await assert.rejects(readEdgeFile(write('ok.tsv', 'a\tb\n'), { format: 'csv' as 'tsv' }), ValidationError);
  });
});
