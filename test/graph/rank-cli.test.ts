import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LinkRecord } from '../../src/core/types.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { POLBLOGS_PATH, REPO_ROOT, UKWA_PATH } from './reference-fixtures.js';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin', 'vouch.js');

/** Run `vouch <args>` in a child process, as a user would; rejects with stderr on a non-zero exit. */
async function vouch(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  return stdout;
}

interface JsonRanking {
  nodes: number;
  edges: number;
  converged: boolean;
  harmonic: string;
  seeds: number;
  rows: Array<{ node: string; authority: number; pagerank: number; harmonic: number; trust: number | null; in_degree: number; ref_domains: number }>;
}

describe('vouch rank', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  it('ranks the UKWA edge file with trust seeds and prints JSON', async () => {
    const seeds = path.join(tmp.dir, 'seeds.txt');
    writeFileSync(seeds, 'www.ox.ac.uk\nwww.cam.ac.uk\nnot-in-the-graph.example\n');
    const result = JSON.parse(await vouch(['rank', '--edges', UKWA_PATH, '--format', 'ukwa', '--trust', seeds, '--json', '--limit', '5', '--threads', '2'])) as JsonRanking & { unmatchedSeeds: string[] };
    assert.equal(result.nodes, 55_590);
    assert.equal(result.converged, true);
    assert.equal(result.harmonic, 'exact');
    assert.equal(result.seeds, 2);
    assert.deepEqual(result.unmatchedSeeds, ['not-in-the-graph.example']);
    assert.equal(result.rows.length, 5);
    assert.equal(result.rows[0]!.authority, 100);
    for (let i = 1; i < 5; i++) assert.ok(result.rows[i - 1]!.pagerank >= result.rows[i]!.pagerank);
  });

  it('prints CSV and a table for polblogs, with the default seeds (none there)', async () => {
    const csv = await vouch(['rank', '--edges', POLBLOGS_PATH, '--csv', '--harmonic', 'hyperball', '--weighted']);
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'node,authority,pagerank,harmonic,trust,spam_mass,in_degree,out_degree,ref_domains');
    assert.equal(lines.length, 1 + 1224);
    const table = await vouch(['rank', '--edges', POLBLOGS_PATH, '--limit', '3', '--harmonic', 'none']);
    assert.match(table, /1224 nodes, 19017 edges/);
  });

  it('reports a malformed edge file naming file and line, with exit 1', async () => {
    const bad = path.join(tmp.dir, 'bad.tsv');
    writeFileSync(bad, 'a\tb\nb\tc\nbroken line\n');
    await assert.rejects(vouch(['rank', '--edges', bad]), (err: unknown) => {
      const failed = err as { code: number; stderr: string };
      assert.equal(failed.code, 1);
      assert.ok(failed.stderr.includes('[INVALID_INPUT]') && failed.stderr.includes(`${bad}:3`), failed.stderr);
      return true;
    });
    await assert.rejects(vouch(['rank', '--edges', bad, '--damping', '1']), (err: unknown) => (err as { code: number }).code === 2);
    await assert.rejects(vouch(['rank', '--edges', bad, '--trust', path.join(tmp.dir, 'missing.txt')]), (err: unknown) => (err as { code: number }).code === 2);
  });

  it('ranks the store and writes the metric columns', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const store = await openStore({ dataDir });
    const day = new Date('2026-01-02T00:00:00Z');
    const link = (src: string, dst: string): LinkRecord => ({
      srcUrl: `http://${src}/`, dstUrl: `http://${dst}/`, srcHost: src, srcDomain: src, dstHost: dst, dstDomain: dst, kind: 'a', anchor: '',
      nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false, httpStatus: null,
      firstSeen: day, lastSeen: day, source: 'crawl',
    });
    await store.writeLinks([link('a.test', 'b.test'), link('b.test', 'c.test'), link('c.test', 'a.test'), link('d.test', 'a.test')]);
    await store.close();
    const summary = JSON.parse(await vouch(['rank', '--data', dataDir, '--json', '--threads', '1'])) as { hosts: { nodes: number; edges: number; converged: boolean } };
    assert.deepEqual({ nodes: summary.hosts.nodes, edges: summary.hosts.edges, converged: summary.hosts.converged }, { nodes: 4, edges: 4, converged: true });
    const reopened = await openStore({ dataDir });
    try {
      const rows = await reopened.all<{ host: string; authority: number; computed_at: Date | null }>(`SELECT host, authority, computed_at FROM hosts ORDER BY authority DESC`);
      assert.equal(rows.length, 4);
      assert.equal(rows[0]!.host, 'a.test');
      assert.equal(rows[0]!.authority, 100);
      assert.ok(rows.every((r) => r.computed_at !== null));
    } finally {
      await reopened.close();
    }
  });
});
