/**
 * The report commands, run by a real commander program in a child process over a real store in a
 * temp directory (see fixtures/run-report-cli.ts, which registers them until createProgram does).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemoWeb } from '../../src/demo/index.js';
import {
  anchorsQuery, backlinkHistoryQuery, backlinksQuery, bestPagesQuery, brokenBacklinksQuery, describeFilters, linkIntersectQuery, outlinksQuery, refDomainsQuery,
} from '../../src/reports/schemas/index.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { DAY1, DEMO_OPTIONS, writeDay } from './demo-store.js';
import { reportProgram } from './fixtures/run-report-cli.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/run-report-cli.ts');

interface Run {
  out: string;
  code: number;
}

/** Run command lines, in order, in one child process. */
function runAll(runs: string[][]): Promise<Run[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify(runs)], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', () => {
      const results: Run[] = [];
      for (const [i] of runs.entries()) {
        const m = new RegExp(`\u0001BEGIN ${i}\n([\\s\\S]*?)\u0001END ${i} (\\d+)\n`).exec(stdout);
        if (!m) return reject(new Error(`run ${i} did not finish: ${stderr}`));
        results.push({ out: m[1]!, code: Number(m[2]) });
      }
      resolve(results);
    });
  });
}

describe('report commands', () => {
  const tmp = makeTempDir('vouch-cli-reports-');
  const truth = generateDemoWeb(DEMO_OPTIONS).truth;
  const data = ['--data', tmp.dir];
  const live = truth.links.filter((l) => l.onCrawlablePage && l.dstDomain === truth.target && l.srcDomain !== truth.target);
  let runs: Run[] = [];
  before(async () => {
    const store = await openStore({ dataDir: tmp.dir });
    await writeDay(store, truth, DAY1);
    await store.close();
    runs = await runAll([
      [...data, 'targets', 'add', truth.target, '--name', 'acme', '--brand', 'acme,acme shop', '--keywords', truth.keywords.join(',')],
      ...truth.competitors.map((c) => [...data, '-q', 'targets', 'add', c, '--competitor']),
      [...data, '--json', 'targets', 'list'],
      [...data, '--json', 'backlinks', 'acme', '--rel', 'follow', '--rel', 'ugc', '--limit', '5'],
      [...data, 'refdomains', 'acme'],
      [...data, 'backlinks', 'acme', '--csv', '--bom', '--limit', '1000'],
      [...data, 'anchors', 'acme'],
      [...data, 'intersect', 'widgetworld.test', '--competitor', 'acme', '--competitor', 'gadgetbarn.test'],
      [...data, 'history', 'acme'],
      [...data, 'broken', 'acme'],
      [...data, 'pages', 'acme', '--crawl-status', 'client-error'],
      [...data, 'outlinks', 'acme'],
      [...data, 'backlinks', 'acme', '--min-authority', 'lots'],
      [...data, 'refdomains', 'acme', '--sort', 'colour'],
      [...data, 'backlinks', 'nobody'],
      [...data, '-q', 'token', 'create', '--name', 'ci', '--scope', 'read'],
      [...data, '--json', 'token', 'list'],
      [...data, 'token', 'revoke', '1'],
      [...data, 'targets', 'remove', 'sprocketco.test'],
    ]);
  });
  after(() => tmp.cleanup());
  const named = (i: number): Run => runs[i + truth.competitors.length - 1]!;

  it('each command takes exactly the parameters its report schema validates', () => {
    const cases: Array<[string, Parameters<typeof describeFilters>[0], string]> = [
      ['backlinks', backlinksQuery, 'target'], ['refdomains', refDomainsQuery, 'target'], ['anchors', anchorsQuery, 'target'],
      ['pages', bestPagesQuery, 'target'], ['broken', brokenBacklinksQuery, 'target'], ['intersect', linkIntersectQuery, 'target'],
      ['history', backlinkHistoryQuery, 'target'], ['outlinks', outlinksQuery, 'site'],
    ];
    const program = reportProgram();
    for (const [name, schema, positional] of cases) {
      const command = program.commands.find((c) => c.name() === name)!;
      const flags = command.options.map((o) => o.attributeName()).filter((k) => k !== 'csv' && k !== 'bom').sort();
      const keys = describeFilters(schema).map((f) => f.key).filter((k) => k !== positional).sort();
      assert.deepEqual(flags, keys, name);
    }
  });

  it('adds targets and lists them', () => {
    assert.match(runs[0]!.out, /added target acme \(domain acme-shop.test\)/);
    const list = JSON.parse(named(2).out) as Array<{ name: string; own: boolean; keywords: string[] }>;
    assert.deepEqual(list.map((t) => t.name), ['acme', ...truth.competitors]);
    assert.deepEqual(list[0]!.keywords, truth.keywords);
    assert.match(named(18).out, /removed sprocketco.test/);
  });

  it('prints reports as JSON, tables and CSV with a BOM', () => {
    const json = JSON.parse(named(3).out) as { total: number; rows: unknown[]; nextCursor: string };
    assert.equal(json.total, live.filter((l) => l.ugc || !(l.nofollow || l.ugc || l.sponsored || l.metaNofollow)).length);
    assert.equal(json.rows.length, 5);
    assert.ok(json.nextCursor);
    assert.match(named(4).out, new RegExp(`${new Set(live.map((l) => l.srcDomain)).size} referring domains`));
    const csv = named(5).out;
    assert.ok(csv.startsWith('\uFEFFsourceUrl,'));
    assert.equal(csv.split('\r\n').filter((l) => l.length > 0).length, live.length + 1);
    assert.match(named(6).out, /exact-match/);
    assert.match(named(6).out, /over-optimised/);
    assert.match(named(7).out, /domains link to at least 1 of acme, gadgetbarn.test but not to widgetworld.test/);
    assert.match(named(8).out, /2026-03-02/);
    assert.match(named(9).out, /links from \d+ domains to \d+ broken pages/);
    assert.match(named(10).out, /answer 4xx\/5xx/);
    assert.match(named(11).out, /domains linked from acme/);
    for (let i = 0; i <= 11; i++) assert.equal(named(i).code, 0, `run ${i}: ${named(i).out}`);
  });

  it('fails on bad flag values naming the parameter, and on unknown targets', () => {
    assert.match(named(12).out, /error \[INVALID_INPUT\] Invalid parameter minAuthority/);
    assert.match(named(13).out, /error \[INVALID_INPUT\] Invalid parameter sort/);
    assert.match(named(14).out, /error \[NOT_FOUND\]/);
    for (const i of [12, 13, 14]) assert.notEqual(named(i).code, 0);
  });

  it('creates, lists and revokes API tokens, printing the secret once', async () => {
    const secret = named(15).out.trim();
    assert.match(secret, /^vouch_[\w-]{43}$/);
    const list = JSON.parse(named(16).out) as Array<{ id: number; prefix: string; scope: string }>;
    assert.equal(list.length, 1);
    assert.equal(list[0]!.scope, 'read');
    assert.ok(secret.startsWith(list[0]!.prefix));
    assert.equal(named(16).out.includes(secret), false, 'the secret is never listed');
    assert.match(named(17).out, /revoked token 1/);
    const store = await openStore({ dataDir: tmp.dir });
    try {
      const row = await store.one<{ token_hash: string; revoked_at: Date | null }>(`SELECT token_hash, revoked_at FROM api_tokens`);
      assert.match(row!.token_hash, /^[0-9a-f]{64}$/);
      assert.ok(row!.revoked_at);
    } finally {
      await store.close();
    }
  });
});

describe('vouch serve', () => {
  it('listens on 127.0.0.1, answers the health check, and stops on SIGINT', async () => {
    const tmp = makeTempDir('vouch-cli-serve-');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify([['--data', tmp.dir, 'serve', '--port', '0']])], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once('close', () => reject(new Error(`serve exited early: ${stdout} ${stderr}`)));
      });
      const health = await fetch(`${url}/api/v1/health`);
      assert.equal(health.status, 200);
      assert.equal((await fetch(`${url}/api/v1/targets`)).status, 401);
      assert.match(stderr, /no API token yet/);
      const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
      child.kill('SIGINT');
      assert.equal(await closed, 0);
      assert.match(stdout, /END 0 0/);
    } finally {
      tmp.cleanup();
    }
  });
});
