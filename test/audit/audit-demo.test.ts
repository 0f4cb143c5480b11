/**
 * Acceptance of the link audit on the demo web: a real crawl of the small demo web, `vouch rank`'s
 * rankStore with the truth's trust seeds, then the audit. At the default threshold, precision and
 * recall for spam and PBN referring domains are at least 0.9, and no authoritative hub is flagged.
 * The same store then serves the what-if, the disavow file, the overrides and the CLI.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AUDIT_DEFAULTS, auditTarget, buildDisavow, listDisavowEntries, parseDisavow, setOverrides, whatIf } from '../../src/audit/index.js';
import type { AuditResult } from '../../src/audit/index.js';
import { crawl } from '../../src/crawl/crawler/index.js';
import { startDemoServer } from '../../src/demo/index.js';
import type { DemoServer, DemoTruth } from '../../src/demo/index.js';
import { rankStore } from '../../src/graph/index.js';
import { addTarget, resolveTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('audit of the crawled demo web', () => {
  const temp = makeTempDir('vouch-audit-demo-');
  let server: DemoServer;
  let store: DuckDbStore;
  let truth: DemoTruth;
  let result: AuditResult;

  before(async () => {
    server = await startDemoServer({ sites: 20, pages: 250 });
    truth = server.truth;
    store = await openStore({ dataDir: temp.dir });
    const crawled = await crawl(store, { seeds: truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32 });
    assert.equal(crawled.state, 'done');
    await rankStore(store, { threads: 1, seedNames: truth.trustSeeds });
    await addTarget(store, { value: truth.target, name: 'acme', brand: truth.brandTerms, keywords: truth.keywords });
    result = await auditTarget(store, 'acme');
  });
  after(async () => {
    await store.close();
    await server.close();
    temp.cleanup();
  });

  it('finds spam and PBN referring domains with precision and recall of at least 0.9, at the default threshold', () => {
    const classOf = new Map(truth.domains.map((d) => [d.domain, d.class]));
    const matrix = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const wrong: string[] = [];
    for (const d of result.domains) {
      const bad = classOf.get(d.domain) === 'spam' || classOf.get(d.domain) === 'pbn';
      const flagged = d.toxicity >= AUDIT_DEFAULTS.threshold;
      if (bad && flagged) matrix.tp++;
      else if (!bad && flagged) matrix.fp++;
      else if (bad) matrix.fn++;
      else matrix.tn++;
      if (bad !== flagged) wrong.push(`${d.domain} ${classOf.get(d.domain)} ${d.toxicity}`);
    }
    const precision = matrix.tp / (matrix.tp + matrix.fp);
    const recall = matrix.tp / (matrix.tp + matrix.fn);
    console.log(`confusion matrix at threshold ${AUDIT_DEFAULTS.threshold}: ${JSON.stringify(matrix)}, precision ${precision}, recall ${recall}`);
    assert.ok(matrix.tp + matrix.fn >= 5, 'the demo web has spam and PBN referring domains');
    assert.ok(precision >= 0.9, `precision ${precision}: ${wrong.join('; ')}`);
    assert.ok(recall >= 0.9, `recall ${recall}: ${wrong.join('; ')}`);
  });

  it('flags no authoritative hub', () => {
    const hubs = truth.domains.filter((d) => d.role === 'hub').map((d) => d.domain);
    const audited = result.domains.filter((d) => hubs.includes(d.domain));
    assert.ok(audited.length >= 2, 'hubs link to the target');
    for (const h of audited) assert.ok(h.toxicity < AUDIT_DEFAULTS.threshold, `${h.domain} scored ${h.toxicity}`);
  });

  it('explains each score: the PBN shares its analytics id, IP and template, and every marker carries evidence', () => {
    const pbn = result.domains.find((d) => truth.domains.find((t) => t.domain === d.domain)?.class === 'pbn')!;
    const footprint = pbn.markers.find((m) => m.marker === 'pbn-footprint')!;
    const shared = footprint.evidence.sharedFootprints as Record<string, string[]>;
    assert.deepEqual(shared.tracking?.sort(), ['G-PBN7C2QK4M', 'ca-pub-4815162342000042']);
    assert.deepEqual(shared.ip, ['127.0.0.9']);
    assert.equal(shared.template?.length, 1);
    for (const d of result.domains) {
      for (const m of d.markers) {
        assert.ok(Object.keys(m.evidence).length > 0, `${d.domain} ${m.marker} has evidence`);
        assert.ok(m.effective > 0 && m.effective <= m.weight);
      }
      const recomputed = 100 * (1 - d.markers.reduce((keep, m) => keep * (1 - m.effective), 1));
      assert.ok(Math.abs(recomputed - d.computedToxicity) < 0.06, `${d.domain}: ${recomputed} vs ${d.computedToxicity}`);
    }
    const paid = result.domains.find((d) => d.markers.some((m) => m.marker === 'paid-unmarked'))!;
    assert.equal(truth.domains.find((t) => t.domain === paid.domain)?.class, 'spam');
    const expired = result.domains.find((d) => d.domain === 'widgetreviews2014.test')!;
    assert.ok(expired.markers.some((m) => m.marker === 'expired-redirect'));
  });

  it('lowers the risk of nofollow, ugc and sponsored links', () => {
    const hinted = result.domains.flatMap((d) => d.linkScores).filter((l) => !l.followed && l.markers.length > 0);
    assert.ok(hinted.length > 0);
    for (const d of result.domains) {
      for (const l of d.linkScores.filter((x) => !x.followed)) {
        const max = 100 * (1 - d.markers.filter((m) => l.markers.includes(m.marker)).reduce((keep, m) => keep * (1 - m.weight * m.strength * 0.3), 1));
        assert.ok(l.toxicity <= max + 0.06, `${l.srcUrl}: ${l.toxicity} > ${max}`);
      }
    }
  });

  it('stores the scores in domains.toxicity and audit_results', async () => {
    const rows = await store.all<{ domain: string; toxicity: number; toxicity_computed_at: Date }>(`SELECT domain, toxicity, toxicity_computed_at FROM domains WHERE toxicity IS NOT NULL`);
    assert.equal(rows.length, result.domains.length);
    for (const r of rows) assert.equal(r.toxicity, result.domains.find((d) => d.domain === r.domain)!.toxicity);
    const stored = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_results WHERE json_array_length(markers) >= 0`);
    assert.equal(stored?.n, result.domains.length);
  });

  it('what-if: removing the toxic domains lowers the target’s authority', async () => {
    const target = await resolveTarget(store, 'acme');
    const toxic = result.domains.filter((d) => d.toxicity >= AUDIT_DEFAULTS.threshold).map((d) => ({ kind: 'domain' as const, value: d.domain }));
    const r = await whatIf(store, target, toxic);
    console.log(`what-if: authority ${r.before.authority} -> ${r.after.authority}, pagerank ${r.before.pagerank} -> ${r.after.pagerank}, position ${r.before.position} -> ${r.after.position}`);
    assert.ok(r.removedLinks > 0);
    assert.ok(r.after.pagerank < r.before.pagerank);
    assert.ok(r.after.followedReferringDomains < r.before.followedReferringDomains);
    const none = await whatIf(store, target, []);
    assert.deepEqual(none.after, none.before);
  });

  it('writes a disavow file Google accepts, with the toxic domains and their reasons, and keeps overrides', async () => {
    const built = await buildDisavow(store, 'acme');
    const parsed = parseDisavow(Buffer.from(built.text));
    assert.equal(parsed.valid, true);
    const toxic = result.domains.filter((d) => d.toxicity >= AUDIT_DEFAULTS.threshold).map((d) => d.domain).sort();
    assert.deepEqual(parsed.entries.map((e) => e.value).sort(), toxic);
    assert.match(built.text, /^# toxicity \d+(\.\d)?: /m);
    assert.equal((await listDisavowEntries(store, (await resolveTarget(store, 'acme')).id, 'audit')).length, toxic.length);

    const target = await resolveTarget(store, 'acme');
    const legit = result.domains.find((d) => d.toxicity < 20)!.domain;
    await setOverrides(store, target.id, 'whitelist', [toxic[0]!]);
    await setOverrides(store, target.id, 'blacklist', [legit]);
    const again = await auditTarget(store, 'acme');
    assert.equal(again.domains.find((d) => d.domain === toxic[0])!.toxicity, 0);
    assert.equal(again.domains.find((d) => d.domain === legit)!.toxicity, 100);
    const urls = await buildDisavow(store, 'acme', { level: 'url' });
    const urlEntries = parseDisavow(urls.text).entries;
    assert.ok(urlEntries.every((e) => e.kind === 'url'));
    assert.ok(!urlEntries.some((e) => e.value.includes(`//${toxic[0]}/`) || e.value.includes(`.${toxic[0]}/`)), 'whitelisted domain left out');
    const overrides = await store.all(`SELECT domain, list FROM audit_overrides`);
    assert.equal(overrides.length, 2, 'the overrides survive re-audits');
  });

  it('runs through the CLI: audit --json, --what-if, disavow --merge --out', async () => {
    await store.close();
    try {
      const data = ['--data', temp.dir];
      const json = await runCli([...data, '--json', 'audit', 'acme', '--keywords', truth.keywords.join(',')]);
      assert.equal(json.code, 0, json.stderr);
      const parsed = JSON.parse(json.stdout) as AuditResult;
      assert.equal(parsed.domains.length, result.domains.length);
      const table = await runCli([...data, 'audit', 'acme', '--what-if', '--min-toxicity', '50']);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /What-if for acme-shop\.test/);
      assert.match(table.stdout, /authority +[\d.]+ -> [\d.]+/);

      const explain = await runCli([...data, 'audit', 'acme', '--explain', 'WidgetReviews2014.test']);
      assert.equal(explain.code, 0, explain.stderr);
      assert.match(explain.stdout, /^widgetreviews2014\.test: toxicity [\d.]+ = 100 x/);
      assert.match(explain.stdout, /expired-redirect: weight 0\.7 x strength 1 x hint factor = 0\.7\n +\{"redirects":\[\{"from":"http:\/\/www\.widgetreviews2014\.test\//);

      const mine = path.join(temp.dir, 'mine.txt');
      writeFileSync(mine, '# my own notes\ndomain:my-manual-entry.test\nnot valid\n');
      const out = path.join(temp.dir, 'disavow.txt');
      const d = await runCli([...data, 'disavow', 'acme', '--merge', mine, '--out', out]);
      assert.equal(d.code, 0, d.stderr);
      assert.match(d.stderr, /mine\.txt:3: error/);
      const text = readFileSync(out, 'utf8');
      assert.ok(text.startsWith('# my own notes\ndomain:my-manual-entry.test\n# [vouch: invalid line kept as a comment] not valid\n'));
      const reread = parseDisavow(readFileSync(out));
      assert.equal(reread.valid, true);
      assert.ok(reread.entries.some((e) => e.value === 'my-manual-entry.test'));
    } finally {
      store = await openStore({ dataDir: temp.dir });
    }
  });
});
