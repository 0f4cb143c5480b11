/**
 * `vouch demo`, the main job, end to end in a child process on a small demo web: it must crawl,
 * rank and report numbers that agree with the generator's ground truth, and in serve mode answer
 * the API with the token it printed until it is told to stop.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const SMALL = ['--seed', '3', '--sites', '20', '--pages', '300'];

interface DemoJson {
  crawl: { pages: number; state: string };
  rank: { domains: number; converged: boolean };
  report: { refDomains: number; truthRefDomains: number; refDomainsMatchTruth: boolean; brokenBacklinks: number };
  audit: { precision: number; recall: number; hubsFlagged: string[]; whatIf: { before: { authority: number }; after: { authority: number } } };
}

describe('vouch demo', () => {
  const tmp = makeTempDir('vouch-demo-');
  after(tmp.cleanup);

  it('crawls, ranks and reports the demo web, and the referring domains equal the ground truth', async () => {
    const r = await runCli(['--data', tmp.dir, '--json', 'demo', '--no-serve', ...SMALL], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as DemoJson;
    assert.equal(out.crawl.state, 'done');
    assert.ok(out.crawl.pages > 100);
    assert.ok(out.rank.converged);
    assert.ok(out.report.refDomains > 5);
    assert.equal(out.report.refDomains, out.report.truthRefDomains);
    assert.equal(out.report.refDomainsMatchTruth, true);
    assert.ok(out.report.brokenBacklinks > 0, 'the demo plants broken backlinks');
    assert.ok(out.audit.precision >= 0.9 && out.audit.recall >= 0.9, JSON.stringify(out.audit));
    assert.deepEqual(out.audit.hubsFlagged, []);
    assert.ok(out.audit.whatIf.after.authority < out.audit.whatIf.before.authority, 'without toxic links the shop loses authority');
  });

  it('gives the same numbers on a second run (its store starts from nothing)', async () => {
    const a = JSON.parse((await runCli(['--data', tmp.dir, '--json', 'demo', '--no-serve', ...SMALL], { timeoutMs: 120_000 })).stdout) as DemoJson;
    const b = JSON.parse((await runCli(['--data', tmp.dir, '--json', 'demo', '--no-serve', ...SMALL], { timeoutMs: 120_000 })).stdout) as DemoJson;
    // Everything but the crawl's timestamps must agree.
    const undated = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'firstSeen' || k === 'lastSeen' ? undefined : v)));
    assert.deepEqual(undated(b.report), undated(a.report));
    assert.equal(b.crawl.pages, a.crawl.pages);
  });

  it('serves the API with the printed token until SIGINT', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/vouch.js'), '--data', path.join(tmp.dir, 'serve'), 'demo', ...SMALL], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const deadline = Date.now() + 120_000;
      while (!out.includes('press Ctrl-C') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      const api = /API: (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(out)?.[1];
      const token = /token \(shown once\): (\S+)/.exec(out)?.[1];
      assert.ok(api && token, out);
      const denied = await fetch(`${api}/api/v1/targets/acme/refdomains`);
      assert.equal(denied.status, 401);
      const res = await fetch(`${api}/api/v1/targets/acme/refdomains?limit=5`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { total: number; rows: unknown[] };
      assert.ok(body.total > 5);
      assert.equal(body.rows.length, 5);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });
});
