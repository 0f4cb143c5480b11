/**
 * The link audit and the disavow file give the same answers on DuckDB and ClickHouse (chdb): the
 * demo web's two days with page footprints (test/audit/audit-demo-fill.ts), ranked on DuckDB and the
 * metrics copied across, then audited on both. Link ids differ by design (a sequence on DuckDB, a
 * hash on ClickHouse), so link scores and the links a marker fired on are compared by link key, and
 * where a list is sorted by id, as a set.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  addDisavowEntries, auditTarget, buildDisavow, listDisavowEntries, listOverrides, parseDisavow, removeDisavowEntries, removeOverrides,
  replaceAuditEntries, setOverrides, storedAudit, whatIf,
} from '../../../src/audit/index.js';
import type { AuditResult, DomainAudit, LinkScore } from '../../../src/audit/index.js';
import { NotFoundError, ValidationError } from '../../../src/core/errors.js';
import type { VouchError } from '../../../src/core/errors.js';
import { addTarget, resolveTarget } from '../../../src/reports/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/index.js';
import { AUDIT_TARGET, auditDemo, fillAuditDemo, rankAndCopy } from '../../audit/audit-demo-fill.js';
import { REPO_ROOT, runCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from './chdb-store.js';
import type { OpenedStore } from './store-contract.js';

const NOW = new Date('2026-03-06T10:00:00Z');

const keyOf = (l: Pick<LinkScore, 'srcUrl' | 'dstUrl' | 'kind' | 'anchor'>): string => [l.srcUrl, l.dstUrl, l.kind, l.anchor].join(' ');

/** The most examples a marker's evidence lists (markers/detector.ts firstOf). */
const SAMPLE = 5;

/**
 * Arrays in evidence as sorted sets: their order follows link ids. A full list of examples taken
 * from the links (objects naming a link or page) is a sample of the first SAMPLE by id, so only its
 * size can agree.
 */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    const fromLinks = value.every((x) => x !== null && typeof x === 'object' && ('srcUrl' in x || 'from' in x || 'url' in x));
    if (fromLinks && value.length === SAMPLE) return `${SAMPLE} examples`;
    return value.map(sortDeep).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortDeep(v)]));
  return value;
}

/** A domain audit with link ids turned into link keys. */
function byKey(d: DomainAudit): unknown {
  const keys = new Map(d.linkScores.map((l) => [l.id, keyOf(l)]));
  return {
    ...d,
    markers: d.markers.map((m) => ({ ...m, links: m.links.map((id) => keys.get(id) ?? `unknown link ${id}`).sort(), evidence: sortDeep(m.evidence) })),
    linkScores: d.linkScores.map(({ id: _id, ...l }) => l).sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
  };
}

describe('audit and disavow give the same answers on DuckDB and ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-audit-parity-');
  const demo = auditDemo();
  let duck: Store;
  let ch: OpenedStore;
  const results = new Map<Store, AuditResult>();
  const both = (): Store[] => [duck, ch.store];

  before(async () => {
    duck = await openStore({ dataDir: path.join(tmp.dir, 'duck') });
    ch = await openChdbStore();
    await fillAuditDemo(duck, demo);
    await fillAuditDemo(ch.store, demo);
    await rankAndCopy(duck, [ch.store], demo);
    for (const s of both()) results.set(s, await auditTarget(s, AUDIT_TARGET, { now: NOW }));
  });
  after(async () => {
    await duck?.close();
    await ch?.cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('scores every referring domain alike: toxicity, verdict, markers with their evidence, and each link', () => {
    const a = results.get(duck)!;
    const b = results.get(ch.store)!;
    const fired = new Set(a.domains.flatMap((d) => d.markers.map((m) => m.marker)));
    console.log(`audited ${a.summary.domains} domains, ${a.summary.toxic} toxic; markers: ${[...fired].sort().join(', ')}`);
    assert.ok(a.summary.domains > 10 && a.summary.toxic >= 3, 'the demo has toxic referring domains');
    for (const m of ['pbn-footprint', 'paid-unmarked', 'language-mismatch', 'exact-match-anchor', 'link-farm', 'thin-page'] as const) assert.ok(fired.has(m), `${m} fired`);
    assert.ok(a.domains.some((d) => d.authority !== null), 'authority from rank');
    assert.deepEqual(b.domains.map((d) => [d.domain, d.toxicity, d.toxicity >= a.threshold]), a.domains.map((d) => [d.domain, d.toxicity, d.toxicity >= a.threshold]));
    assert.deepEqual(b.domains.map(byKey), a.domains.map(byKey));
    assert.deepEqual({ ...b, domains: null }, { ...a, domains: null });
  });

  it('stores the same audit, reads it back filtered and paged alike, and writes domains.toxicity', async () => {
    const queries = [
      { limit: 1000, offset: 0 },
      { limit: 5, offset: 3 },
      { limit: 100, offset: 0, minToxicity: 70 },
      { limit: 100, offset: 0, search: 'WIDGET' },
      { limit: 100, offset: 0, marker: 'pbn-footprint' as const },
      { limit: 100, offset: 0, minToxicity: 10, search: 'test', marker: 'exact-match-anchor' as const },
    ];
    for (const q of queries) {
      const [a, b] = await Promise.all(both().map(async (s) => storedAudit(s, (await resolveTarget(s, AUDIT_TARGET)).id, q)));
      assert.equal(b!.total, a!.total, JSON.stringify(q));
      assert.deepEqual(b!.computedAt, NOW);
      assert.deepEqual(b!.rows.map(byKey), a!.rows.map(byKey), JSON.stringify(q));
    }
    const all = await storedAudit(duck, 1, { limit: 1000, offset: 0 });
    assert.deepEqual(all.rows.map(byKey), results.get(duck)!.domains.map(byKey));
    const toxicity = `SELECT domain, toxicity, toxicity_computed_at, authority, pagerank FROM domains WHERE toxicity IS NOT NULL ORDER BY domain`;
    const [ta, tb] = [await duck.all(toxicity), await ch.store.all(toxicity)];
    assert.equal(ta.length, all.total);
    assert.deepEqual(tb, ta, 'toxicity written, rank metrics kept');
    const empty = await storedAudit(ch.store, 999, { limit: 10, offset: 0 });
    assert.deepEqual([empty.total, empty.computedAt, empty.rows], [0, null, []]);
  });

  it('re-running the audit leaves one result row per key on ClickHouse', async () => {
    const n = results.get(ch.store)!.domains.length;
    for (let i = 0; i < 2; i++) await auditTarget(ch.store, AUDIT_TARGET, { now: NOW });
    for (const table of ['audit_results', 'audit_results_data']) {
      const rows = await ch.store.all<{ n: bigint; keys: bigint; most: bigint }>(
        `SELECT count() AS n, uniqExact(target_id, domain) AS keys, max(c) AS most FROM (SELECT target_id, domain, count() AS c FROM ${table} GROUP BY target_id, domain)`,
      );
      assert.deepEqual(rows[0], { n: BigInt(n), keys: BigInt(n), most: 1n }, table);
    }
    const [a, b] = await Promise.all(both().map((s) => s.all(`SELECT domain, toxicity FROM domains WHERE toxicity IS NOT NULL ORDER BY domain`)));
    assert.deepEqual(b, a);
  });

  it('applies the whitelist and blacklist alike, and keeps them across audits', async () => {
    const a = results.get(duck)!;
    const toxic = a.domains.find((d) => d.toxicity >= a.threshold)!.domain;
    const clean = a.domains.find((d) => d.toxicity < 20)!.domain;
    const outcome = async (s: Store): Promise<unknown> => {
      const id = (await resolveTarget(s, AUDIT_TARGET)).id;
      await setOverrides(s, id, 'whitelist', [toxic, 'Extra-Domain.TEST']);
      await setOverrides(s, id, 'blacklist', [clean, 'gone.test'], 'paid network');
      const moved = await setOverrides(s, id, 'blacklist', ['extra-domain.test']);
      const removed = await removeOverrides(s, id, ['gone.test', 'never-listed.test']);
      const removedWrongList = await removeOverrides(s, id, [clean], 'whitelist');
      const lists = await Promise.all([listOverrides(s, id), listOverrides(s, id, 'whitelist'), listOverrides(s, id, 'blacklist')]);
      const again = await auditTarget(s, AUDIT_TARGET, { now: NOW });
      const strip = (xs: { createdAt: Date }[]): unknown => xs.map(({ createdAt: _c, ...x }) => x);
      return { moved: strip(moved), removed, removedWrongList, lists: lists.map(strip), domains: again.domains.map(byKey), summary: again.summary };
    };
    const [x, y] = [await outcome(duck), await outcome(ch.store)];
    assert.deepEqual(y, x);
    const got = x as { lists: { domain: string; list: string }[][]; domains: { domain: string; toxicity: number }[] };
    assert.deepEqual(got.lists[0]!.map((o) => `${o.domain}:${o.list}`), [`${clean}:blacklist`, 'extra-domain.test:blacklist', `${toxic}:whitelist`].sort());
    assert.equal(got.domains.find((d) => d.domain === toxic)!.toxicity, 0);
    assert.equal(got.domains.find((d) => d.domain === clean)!.toxicity, 100);
  });

  it('what-if: the same authority, PageRank and position before and after', async () => {
    const a = results.get(duck)!;
    const toxic = a.domains.filter((d) => d.toxicity >= a.threshold).map((d) => ({ kind: 'domain' as const, value: d.domain }));
    const page = a.domains.find((d) => d.toxicity < a.threshold && d.followedLinks > 0)!.linkScores.find((l) => l.followed)!.srcUrl;
    for (const removals of [toxic, [], [{ kind: 'url' as const, value: page }]]) {
      const [x, y] = await Promise.all(both().map(async (s) => whatIf(s, await resolveTarget(s, AUDIT_TARGET), removals)));
      assert.deepEqual(y, x);
      if (removals.length > 0) assert.ok(x!.removedLinks > 0);
    }
  });

  it('writes the same disavow file (domain and URL level, merged), and keeps the same entries', async () => {
    const mergeFile = parseDisavow(Buffer.from('# my own notes\ndomain:old-spam.test\nwww.no-prefix.test\nhttp://kept.test/page\n'));
    assert.equal(mergeFile.valid, false, 'a malformed line to keep as a comment');
    const outcome = async (s: Store): Promise<unknown> => {
      const id = (await resolveTarget(s, AUDIT_TARGET)).id;
      const added = await addDisavowEntries(s, id, [{ kind: 'domain', value: 'Mine.TEST', comment: 'my call' }, { kind: 'url', value: 'http://x.test/p' }, { kind: 'domain', value: 'mine.test' }]);
      const addedAgain = await addDisavowEntries(s, id, [{ kind: 'domain', value: 'mine.test' }]);
      const domain = await buildDisavow(s, AUDIT_TARGET, { now: NOW });
      // A domain's URL lines follow its link scores, whose ties are in link id order: the same lines, in an order of their own.
      const byUrl = await buildDisavow(s, AUDIT_TARGET, { now: NOW, level: 'url', threshold: 50 });
      const url = { ...byUrl, text: byUrl.text.split('\n').sort(), entries: [...byUrl.entries].sort((e, f) => e.value.localeCompare(f.value)) };
      const merged = await buildDisavow(s, AUDIT_TARGET, { now: NOW, merge: mergeFile });
      await replaceAuditEntries(s, id, [{ kind: 'domain', value: 'mine.test' }, { kind: 'domain', value: 'fresh.test', comment: 'new' }]);
      const afterReplace = await listDisavowEntries(s, id);
      const removed = await removeDisavowEntries(s, id, [{ kind: 'url', value: 'http://x.test/p' }, { kind: 'domain', value: 'fresh.test' }, { kind: 'domain', value: 'absent.test' }]);
      const fresh = await buildDisavow(s, 'acme', { now: NOW, audit: 'never', save: false });
      const strip = (xs: { id: number; createdAt: Date }[]): unknown => xs.map(({ id: _i, createdAt: _c, ...x }) => x);
      return {
        added: strip(added), addedAgain, domain, url, merged, removed, fresh,
        afterReplace: strip(afterReplace), user: strip(await listDisavowEntries(s, id, 'user')), audit: strip(await listDisavowEntries(s, id, 'audit')),
      };
    };
    const [x, y] = [await outcome(duck), await outcome(ch.store)];
    assert.deepEqual(y, x);
    const got = x as { domain: { text: string; toxicDomains: number }; url: { text: string[] }; merged: { text: string }; audit: unknown[] };
    assert.ok(got.domain.toxicDomains >= 2);
    assert.ok(parseDisavow(got.domain.text).valid && parseDisavow(got.url.text.join('\n')).valid);
    assert.ok(got.url.text.filter((l) => l.startsWith('http')).length > got.domain.toxicDomains);
    assert.match(got.merged.text, /^# my own notes$/m);
    assert.deepEqual(got.audit, [], 'fresh.test was removed, and mine.test is the user\'s');
    const ids = await ch.store.all<{ id: bigint }>(`SELECT id FROM disavow_entries`);
    assert.equal(new Set(ids.map((r) => r.id)).size, ids.length, 'ids are unique');
  });

  it('audits URL-prefix and exact-URL targets alike', async () => {
    const home = `http://${demo.day1.targetHost}/`;
    for (const [name, scope] of [['acme-prefix', 'prefix'], ['acme-home', 'exact']] as const) {
      const [a, b] = [duck, ch.store].map(async (s) => {
        await addTarget(s, { value: home, scope, name, keywords: demo.day1.keywords });
        return auditTarget(s, name, { now: NOW, save: false });
      });
      const [x, y] = [await a, await b];
      assert.ok(x.domains.length > 3, `${scope}: referring domains`);
      assert.deepEqual(y.domains.map(byKey), x.domains.map(byKey), scope);
      assert.deepEqual(y.summary, x.summary, scope);
    }
  });

  it('refuses bad input with the same error class and code', async () => {
    const cases: [string, (s: Store, id: number) => Promise<unknown>, new (...a: never[]) => VouchError, string][] = [
      ['unknown target (audit)', (s) => auditTarget(s, 'no-such-target'), NotFoundError, 'NOT_FOUND'],
      ['unknown target (disavow)', (s) => buildDisavow(s, 'no-such-target'), NotFoundError, 'NOT_FOUND'],
      ['malformed override', (s, id) => setOverrides(s, id, 'whitelist', ['not a domain!']), ValidationError, 'INVALID_INPUT'],
      ['malformed override removal', (s, id) => removeOverrides(s, id, ['http://x.test/']), ValidationError, 'INVALID_INPUT'],
      ['malformed disavow URL', (s, id) => addDisavowEntries(s, id, [{ kind: 'domain', value: 'ok.test' }, { kind: 'url', value: 'ftp://x.test/' }]), ValidationError, 'INVALID_INPUT'],
      ['malformed disavow domain', (s, id) => removeDisavowEntries(s, id, [{ kind: 'domain', value: 'a b' }]), ValidationError, 'INVALID_INPUT'],
    ];
    for (const [name, run, cls, code] of cases) {
      for (const s of both()) {
        const id = (await resolveTarget(s, AUDIT_TARGET)).id;
        await assert.rejects(run(s, id), (err: unknown) => err instanceof cls && err.code === code, `${name} on ${s.dialect}`);
      }
    }
    const [a, b] = await Promise.all(both().map(async (s) => listDisavowEntries(s, (await resolveTarget(s, AUDIT_TARGET)).id)));
    assert.deepEqual(b!.map((e) => e.value), a!.map((e) => e.value));
    assert.ok(!a!.some((e) => e.value === 'ok.test'), 'nothing written when one entry is bad');
  });

  it('runs `vouch --store chdb://… audit` and `disavow` in a child process, with the same verdicts', async () => {
    const dir = path.join(tmp.dir, 'cli-chdb');
    const fill = await runCliScript(['test/audit/fill-chdb-demo.ts', dir, 'audit_cli']);
    assert.equal(fill.code, 0, fill.stderr);
    const store = `chdb://${dir}?database=audit_cli`;
    const r = await runCli(['--store', store, 'audit', AUDIT_TARGET, '--json'], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { domains: DomainAudit[]; summary: AuditResult['summary'] };
    const a = results.get(duck)!;
    assert.deepEqual(out.domains.map((d) => [d.domain, d.toxicity, d.markers.map((m) => m.marker)]), a.domains.map((d) => [d.domain, d.toxicity, d.markers.map((m) => m.marker)]));
    assert.deepEqual(out.summary, a.summary);
    const bad = path.join(tmp.dir, 'huge.txt');
    writeFileSync(bad, 'domain:x.test\n'.repeat(100_001));
    const refused = await runCli(['--store', store, 'disavow', AUDIT_TARGET, '--merge', bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\[TOO_LARGE\]/);
    const file = await runCli(['--store', store, 'disavow', AUDIT_TARGET]);
    assert.equal(file.code, 0, file.stderr);
    assert.deepEqual(parseDisavow(file.stdout).entries.map((e) => e.value).sort(), a.domains.filter((d) => d.toxicity >= a.threshold).map((d) => d.domain).sort());
  });
});

/** Run a TypeScript script of the repository in a child process (it binds its own chdb directory). */
async function runCliScript(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}
