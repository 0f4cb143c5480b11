/** `vouch import`, `vouch ingest` and `vouch export` as a user runs them: a real child process, exit codes, output. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runCli as runIngestCli } from '../helpers/run-cli.js';
import { WARC_2014, WAT_2014 } from './fixtures/warc-files.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/imports/samples');
const BAD = path.resolve(import.meta.dirname, '../fixtures/ingest/semrush-malformed.csv');
const temp = makeTempDir('vouch-ingest-cli-');

describe('import / ingest / export commands', () => {
  after(() => temp.cleanup());
  const data = path.join(temp.dir, 'data');

  it('vouch import: imports every file it can, lists bad rows as file:line, exits 1 when a file cannot be imported', async () => {
    const unknown = path.join(temp.dir, 'not-an-export.csv');
    (await import('node:fs')).writeFileSync(unknown, 'name,score\nx,1\n');
    const r = await runIngestCli(['--data', data, '--json', 'import', path.join(SAMPLES, 'semrush-backlinks.csv'), BAD, unknown]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: Array<{ file: string; imported: number; failed: number; issues: Array<{ where: string }> }>; failures: Array<{ file: string; code: string }> };
    assert.deepEqual(out.files.map((f) => [path.basename(f.file), f.imported, f.failed]), [['semrush-backlinks.csv', 4, 0], ['semrush-malformed.csv', 3, 7]]);
    assert.equal(out.files[1]!.issues[0]!.where, `${BAD}:3`);
    assert.deepEqual(out.failures.map((f) => [f.file, f.code]), [[unknown, 'INVALID_INPUT']]);

    const table = await runIngestCli(['--data', data, 'import', BAD]);
    assert.equal(table.code, 0);
    assert.match(table.stderr, new RegExp(`${BAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:12: quoted field is never closed`));
    assert.match(table.stdout, /semrush/);
  });

  it('vouch import: a Search Console export without --target is a usage error (exit 2); with it, it imports', async () => {
    const gsc = path.join(SAMPLES, 'gsc-latest-links.csv');
    const without = await runIngestCli(['--data', data, 'import', gsc]);
    assert.equal(without.code, 2, without.stderr);
    assert.match(without.stderr, /\[USAGE\].*--target/);
    const withTarget = await runIngestCli(['--data', data, '--json', 'import', '--from', 'gsc', '--target', 'https://www.vouch-shop.test/', gsc]);
    assert.equal(withTarget.code, 0, withTarget.stderr);
    assert.equal((JSON.parse(withTarget.stdout) as { files: Array<{ imported: number }> }).files[0]!.imported, 3);
    const missing = await runIngestCli(['--data', data, 'import', path.join(temp.dir, 'nope.csv')]);
    assert.equal(missing.code, 2);
  });

  it('vouch ingest: WARC and WAT files, counted; a second run skips what is done', async () => {
    const r = await runIngestCli(['--data', data, '--json', 'ingest', WARC_2014, WAT_2014]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Array<{ state: string; counts: { records: Record<string, number>; links: number; htmlPages: number } }>;
    assert.deepEqual(out.map((s) => [s.state, s.counts.htmlPages, s.counts.links]), [['done', 3, 928], ['done', 1, 18]]);
    const again = await runIngestCli(['--data', data, 'ingest', WARC_2014]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /done before \(--again to redo\)/);
  });

  it('vouch ingest ccgraph and vouch export links --format csv --out -', async () => {
    const { writeFileSync } = await import('node:fs');
    const vertices = path.join(temp.dir, 'v.txt');
    const edges = path.join(temp.dir, 'e.txt');
    writeFileSync(vertices, '0\tcom.example.www\n1\torg.other\n');
    writeFileSync(edges, '0\t1\n1\t0\n');
    const g = await runIngestCli(['--data', data, 'ingest', 'ccgraph', '--vertices', vertices, '--edges', edges, '--date', '2024-05-31']);
    assert.equal(g.code, 0, g.stderr);
    assert.match(g.stdout, /2 vertices, 2 edge lines → 2 links/);
    const csv = await runIngestCli(['--data', data, 'export', 'links', '--format', 'csv', '--out', '-']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.match(lines[0]!, /^id,src_url,dst_url,/);
    assert.ok(lines.some((l) => l.includes('http://www.example.com/,http://other.org/') && l.endsWith(',ccgraph')));
    const parquet = await runIngestCli(['--data', data, '--json', 'export', 'pages', '--out', path.join(temp.dir, 'pages.parquet')]);
    assert.equal(parquet.code, 0, parquet.stderr);
    assert.deepEqual(JSON.parse(parquet.stdout), { kind: 'pages', format: 'parquet', file: path.join(temp.dir, 'pages.parquet'), rows: 4 });
  });
});
