/**
 * `vouch serve` and prospecting on both adapters: the demo web's two days written into a DuckDB
 * store and a ClickHouse store (chdb), with the page text, titles and addresses that prospecting
 * reads; then the prospects found, saved, updated, won, lost and opted out compared field by field,
 * API tokens checked on ClickHouse, and a real listening server run over each store.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createApp, listApiTokens, revokeApiToken, startServer, statusForCode, verifyApiToken } from '../../../src/api/index.js';
import type { RunningServer } from '../../../src/api/index.js';
import { NotFoundError, ValidationError, VouchError } from '../../../src/core/errors.js';
import type { PageRecord } from '../../../src/core/types.js';
import { generateDemoWeb } from '../../../src/demo/index.js';
import type { DemoTruth } from '../../../src/demo/index.js';
import {
  addOptOut, draftOutreach, findProspects, isOptedOut, listOptOuts, listProspects, outreachLog, saveProspects, sendOutreach, SOURCE_KIND, updateLostWins, updateProspect,
  updateWonProspects,
} from '../../../src/prospect/index.js';
import type { ProspectSource } from '../../../src/prospect/index.js';
import { addTarget } from '../../../src/reports/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/index.js';
import { runCli, startCli } from '../../helpers/run-cli.js';
import type { CliRun } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startTestSmtp, type TestSmtp } from '../../prospect/smtp-server.js';
import { DAY1, DAY2, DEMO_OPTIONS, applyDayTwo, linkRecord, markLost, pageRecords, writeDay } from '../../reports/demo-store.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from './chdb-store.js';
import type { OpenedStore } from './store-contract.js';

/** An answer without link ids and cursors (which embed them): those differ between adapters by design. */
function strip<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'id' || k === 'linkId' || k === 'nextCursor' ? undefined : v)));
}

/** Rows as a sorted set: rows tied on the sort keys come in either order. */
const asSet = (rows: readonly unknown[]): string[] => rows.map((r) => JSON.stringify(strip(r))).sort();

/** The day-2 pages, with what a crawl would read off them: titles, text and mailto addresses. */
function enrichedPages(truth: DemoTruth, at: Date): PageRecord[] {
  const extra = new Map<string, { title?: string; text: string[]; mailtos: string[] }>();
  const of = (url: string) => extra.get(url) ?? (extra.set(url, { text: [], mailtos: [] }).get(url) as { title?: string; text: string[]; mailtos: string[] });
  for (const p of truth.prospects) {
    if (p.kind === 'unlinked-mention' && p.url) of(p.url).text.push(`Our favourite shop is ${truth.brandTerms[0]}, for widgets.`);
    if (p.kind === 'resource-page' && p.url) of(p.url).title = 'Useful resources';
  }
  for (const c of truth.contacts.filter((x) => x.type === 'email')) {
    if (c.how === 'mailto') of(c.pageUrl).mailtos.push(c.value);
    else of(c.pageUrl).text.push(c.how === 'obfuscated' ? `Write to ${c.value.replace('@', ' [at] ').replace(/\.(?=[^.]+$)/, ' [dot] ')}` : `Mail ${c.value}`);
  }
  return pageRecords(truth, at)
    .filter((p) => extra.has(p.url))
    .map((p) => {
      const e = extra.get(p.url)!;
      return { ...p, title: e.title ?? `A page on ${p.host}`, text: e.text.join(' '), mailtos: e.mailtos };
    });
}

describe('serve and prospects give the same answers on DuckDB and ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-api-prospects-');
  const day1 = generateDemoWeb(DEMO_OPTIONS).truth;
  const day2 = generateDemoWeb({ ...DEMO_OPTIONS, day: 2 }).truth;
  // A prospect domain audited as toxic (see fill): one whose kinds all have prospects elsewhere too.
  const toxicDomain = [...new Set(day2.prospects.map((p) => p.domain))].sort().find((d) => day2.prospects.filter((p) => p.domain === d).every((p) => day2.prospects.some((q) => q.kind === p.kind && q.domain !== d)))!;
  let duck: Store;
  let ch: OpenedStore;
  let smtp: TestSmtp;
  const both = (): Store[] => [duck, ch.store];

  async function fill(store: Store): Promise<void> {
    await writeDay(store, day1, DAY1);
    await applyDayTwo(store, day2, DAY2);
    await store.writePages(enrichedPages(day2, DAY2));
    await addTarget(store, { value: day2.target, name: 'acme', brand: day2.brandTerms, keywords: day2.keywords });
    for (const c of day2.competitors) await addTarget(store, { value: c, competitor: true });
    // Authority for some domains, and one prospect domain audited as toxic, so that both matter.
    const sources = [...new Set(day2.prospects.map((p) => p.domain))].sort();
    const table = store.dialect === 'clickhouse' ? 'domains_data' : 'domains';
    for (const [i, domain] of sources.slice(0, 5).entries()) {
      await store.run(`INSERT INTO ${table} (domain, hosts, pages, authority, toxicity) VALUES ($1, 1, 1, $2, $3)`, [domain, 20 + i * 10, domain === toxicDomain ? 80 : 5]);
    }
  }

  before(async () => {
    smtp = await startTestSmtp();
    duck = await openStore({ dataDir: tmp.dir });
    ch = await openChdbStore();
    await fill(duck);
    await fill(ch.store);
  });
  after(async () => {
    await duck?.close();
    await ch?.cleanup();
    removeChdbDir();
    await smtp?.close();
    tmp.cleanup();
  });

  const same = async <T>(run: (s: Store) => Promise<T>): Promise<[T, T]> => {
    const a = await run(duck);
    const b = await run(ch.store);
    assert.deepEqual(strip(b), strip(a));
    return [a, b];
  };

  it('finds the same prospects from every source, with contacts, leaving out the toxic domain', async () => {
    assert.ok(toxicDomain, 'the demo web has a domain to make toxic');
    const [a, b] = await Promise.all(both().map((s) => findProspects(s, { target: 'acme', limit: 10_000, contacts: true })));
    assert.deepEqual(asSet(b!.rows), asSet(a!.rows));
    assert.deepEqual(strip({ ...b, rows: [] }), strip({ ...a, rows: [] }));
    assert.ok(a!.excludedToxic > 0, 'the toxic domain was left out');
    for (const source of ['gap', 'broken', 'lost', 'mention', 'resource'] as ProspectSource[]) {
      assert.ok(b!.rows.some((r) => r.source === source), `ClickHouse found ${source} prospects`);
    }
    // Mentions and resource pages come from the page text and titles: exactly the truth's.
    for (const source of ['mention', 'resource'] as ProspectSource[]) {
      const truth = day2.prospects.filter((p) => p.kind === SOURCE_KIND[source] && p.domain !== toxicDomain);
      assert.deepEqual(b!.rows.filter((r) => r.source === source).map((r) => r.url).sort(), truth.map((p) => p.url).sort(), source);
    }
    assert.ok(b!.rows.some((r) => (r.contacts ?? []).some((c) => c.type === 'email')), 'addresses were read off the pages');
    // Filters and the limit give the same rows too.
    const [c, d] = await Promise.all(both().map((s) => findProspects(s, { target: 'acme', source: ['gap', 'broken'], competitor: [day2.competitors[0]!], keywords: ['widget'], maxToxicity: 90, limit: 5 })));
    assert.deepEqual(strip(d), strip(c));
  });

  it('refuses bad input on ClickHouse as on DuckDB', async () => {
    const invalid = (e: unknown): boolean => e instanceof ValidationError && e.code === 'INVALID_INPUT';
    await assert.rejects(findProspects(ch.store, { target: 'acme', source: ['nope' as never] }), invalid);
    await assert.rejects(findProspects(ch.store, { target: 'acme', competitor: ['not a site at all'] }), invalid);
    await assert.rejects(findProspects(ch.store, { target: 'no-such-target' }), (e: unknown) => e instanceof NotFoundError);
    await assert.rejects(addOptOut(ch.store, 'not an address'), invalid);
  });

  it('saves, updates, wins and loses prospects the same way', async () => {
    const found = (await findProspects(duck, { target: 'acme', source: ['gap', 'broken', 'mention'], limit: 10_000 })).rows;
    const at = new Date('2026-03-06T00:00:00Z');
    const [saved] = await same((s) => saveProspects(s, 1, found, { at }));
    assert.equal(saved.length, found.length);
    const broken = saved.find((p) => p.kind === 'broken-link')!;
    const gap = saved.find((p) => p.kind === 'link-gap')!;
    const step = (h: number): Date => new Date(at.getTime() + h * 3_600_000);
    await same((s) => updateProspect(s, broken.id, { status: 'qualified', tags: ['Widgets', 'priority'], followUp: '2026-03-10', at: step(1) }));
    await same((s) => updateProspect(s, broken.id, { note: 'Found the editor.', at: step(2) }));
    await same((s) => updateProspect(s, broken.id, { status: 'contacted', note: 'Sent the first email.', removeTags: ['widgets'], at: step(3) }));
    await same((s) => updateProspect(s, gap.id, { followUp: '2026-03-08', addTags: ['cold'], at: step(3) }));
    const invalid = (e: unknown): boolean => e instanceof ValidationError && e.code === 'INVALID_INPUT';
    await assert.rejects(updateProspect(ch.store, broken.id, { status: 'new' }), invalid);
    await assert.rejects(updateProspect(ch.store, broken.id, { followUp: '2026-02-30' }), invalid);
    await assert.rejects(updateProspect(ch.store, 999_999, { status: 'qualified' }), (e: unknown) => e instanceof NotFoundError && e.code === 'NOT_FOUND');
    // Saving again refreshes the score and keeps the pipeline state.
    const [again] = await same((s) => saveProspects(s, 1, [{ ...found.find((r) => r.kind === 'broken-link' && r.url === broken.url)!, score: 99 }], { at: step(4) }));
    assert.deepEqual([again[0]!.id, again[0]!.status, again[0]!.score, again[0]!.notes.length], [broken.id, 'contacted', 99, 2]);
    for (const filter of [{ status: ['contacted'] }, { tag: 'cold' }, { dueBy: '2026-03-09' }, { kind: ['link-gap'], targetId: 1 }, {}]) {
      const [x] = await same((s) => listProspects(s, filter));
      assert.ok(x.length > 0, JSON.stringify(filter));
    }
    const draft = await same((s) => draftOutreach(s, broken.id, { senderName: 'Sam', to: 'editor@example.test', fields: { page_title: 'the guide' } }));
    assert.match(draft[1].subject, /\S/);
    // Sending logs the message and moves a new prospect to contacted.
    const fresh1 = saved.find((p) => p.status === 'new' && p.kind === 'unlinked-mention')!;
    const send = { smtpUrl: smtp.url, from: 'Sam <sam@acme.test>', to: 'editor@example.test', senderName: 'Sam', dailyLimit: 5, at: step(5), transport: { ignoreTLS: true, connectionTimeout: 5000 } };
    const [sent] = await same(async (s) => ({ ...(await sendOutreach(s, fresh1.id, send)), messageId: null }));
    assert.deepEqual([sent.sentToday, smtp.received.length], [1, 2]);
    await same(async (s) => (await outreachLog(s)).map((m) => ({ ...m, messageId: null })));
    assert.equal((await listProspects(ch.store, { id: fresh1.id }))[0]!.status, 'contacted');

    // A new link from the gap domain to the target wins it; losing that link loses it.
    const won = day2.links.find((l) => l.dstDomain === day2.target)!;
    const fresh = { ...won, srcUrl: `http://${gap.domain}/new-review`, srcHost: gap.domain, srcDomain: gap.domain, anchor: 'acme widgets' };
    for (const s of both()) await s.writeLinks([linkRecord(fresh, step(10))]);
    const [w] = await same((s) => updateWonProspects(s, { at: step(11) }));
    // Every open prospect on that domain (the gap and any page of it) is won by the link.
    const onDomain = saved.filter((p) => p.domain === gap.domain).map((p) => p.id);
    assert.deepEqual(w.map((x) => x.prospectId), onDomain);
    const [wonGap, wonGapCh] = await Promise.all(both().map((s) => listProspects(s, { id: gap.id })));
    assert.equal(wonGapCh![0]!.status, 'won');
    assert.ok(wonGap![0]!.linkId !== null && wonGapCh![0]!.linkId !== null, 'the winning link is attached on both');
    await same((s) => updateWonProspects(s, { at: step(12) }));
    for (const s of both()) await markLost(s, fresh, step(13), 'link-removed');
    const [lost] = await same((s) => updateLostWins(s, { at: step(14) }));
    assert.deepEqual(lost.map((x) => [x.prospectId, x.lostReason]), onDomain.map((id) => [id, 'link-removed']));
    await same((s) => listProspects(s));
  });

  it('keeps the opt-out list the same way', async () => {
    await same((s) => addOptOut(s, 'Editor@Example.TEST', 'asked', new Date('2026-03-07T00:00:00Z')));
    await same((s) => addOptOut(s, 'spam-blog.test', null, new Date('2026-03-07T01:00:00Z')));
    await same((s) => addOptOut(s, 'editor@example.test', 'again', new Date('2026-03-08T00:00:00Z')));
    const [list] = await same((s) => listOptOuts(s));
    assert.deepEqual(list.map((o) => [o.value, o.reason]), [['editor@example.test', 'asked'], ['spam-blog.test', null]]);
    for (const [address, out] of [['editor@example.test', true], ['x@news.spam-blog.test', true], ['other@example.test', false]] as const) {
      assert.deepEqual(await Promise.all(both().map((s) => isOptedOut(s, address))), [out, out], address);
    }
  });

  it('creates, verifies, lists and revokes API tokens on ClickHouse', async () => {
    const store = ch.store;
    const { token, info } = await createApiToken(store, { name: 'ops', scope: 'read' });
    assert.deepEqual(await verifyApiToken(store, token), { id: info.id, scope: 'read' });
    assert.equal(await verifyApiToken(store, `${token}x`), null);
    const second = await createApiToken(store, { name: 'admin' });
    assert.equal(second.info.id, info.id + 1);
    assert.deepEqual((await listApiTokens(store)).filter((t) => t.id >= info.id).map((t) => [t.name, t.scope, t.revokedAt]), [['ops', 'read', null], ['admin', 'write', null]]);
    // A last-use touch that read the row before the revoke, written after it, must not bring it back.
    const stale = await store.one(`SELECT * FROM api_tokens WHERE id = $1`, [info.id]);
    assert.ok(stale);
    await revokeApiToken(store, info.id);
    assert.equal(await verifyApiToken(store, token), null);
    await store.run(`INSERT INTO api_tokens_data (id, name, token_hash, token_prefix, scope, created_at, last_used_at, revoked_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)`, [
      info.id, String(stale.name), String(stale.token_hash), String(stale.token_prefix), String(stale.scope), stale.created_at as Date, new Date(), stale.updated_at as Date,
    ]);
    assert.equal(await verifyApiToken(store, token), null, 'still revoked');
    assert.ok((await listApiTokens(store)).find((t) => t.id === info.id)?.revokedAt instanceof Date);
    await assert.rejects(revokeApiToken(store, info.id), (e: unknown) => e instanceof NotFoundError && e.code === 'NOT_FOUND');
    await assert.rejects(revokeApiToken(store, 987_654), (e: unknown) => e instanceof NotFoundError);
    await assert.rejects(createApiToken(store, { name: ' ' }), (e: unknown) => e instanceof ValidationError);
  });

  it('runs token, prospects, outreach and serve from the CLI on ClickHouse (--store chdb://…)', async () => {
    const store = `chdb://${tmp.dir}/cli?database=api_cli`;
    const cli = (...args: string[]) => runCli(['--store', store, ...args]);
    const ok = (run: CliRun): CliRun => {
      assert.equal(run.code, 0, run.stderr);
      return run;
    };
    ok(await cli('targets', 'add', day2.target, '--name', 'acme'));
    const { token, id } = JSON.parse(ok(await cli('--json', 'token', 'create', '--name', 'ci', '--scope', 'read')).stdout) as { token: string; id: number };
    assert.deepEqual(JSON.parse(ok(await cli('--json', 'prospects', 'acme', '--save')).stdout).rows, []);
    assert.deepEqual(JSON.parse(ok(await cli('--json', 'outreach', 'optout', 'Editor@Example.TEST')).stdout).optOuts.map((o: { value: string }) => o.value), ['editor@example.test']);
    const serve = startCli(['--store', store, 'serve', '--port', '0']);
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        serve.child.stdout!.on('data', (d: string) => {
          stdout += d;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        void serve.done.then((r) => reject(new Error(`serve exited early: ${r.stderr}`)));
      });
      assert.equal((await fetch(`${url}/api/v1/targets`)).status, 401);
      const targets = await fetch(`${url}/api/v1/targets`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(targets.status, 200);
      assert.match(await targets.text(), /acme/);
    } finally {
      serve.child.kill('SIGINT');
    }
    assert.equal((await serve.done).code, 0);
    ok(await cli('token', 'revoke', String(id)));
    assert.notEqual((await cli('token', 'revoke', String(id))).code, 0, 'a revoked token cannot be revoked again');
  });

  describe('a real server over each store', () => {
    const servers: RunningServer[] = [];
    const tokens: string[] = [];
    const logged: unknown[] = [];
    before(async () => {
      for (const store of both()) {
        tokens.push((await createApiToken(store, { name: 'server', scope: 'write' })).token);
        servers.push(await startServer(createApp({ store, version: '0.0.0-test', log: (err) => logged.push(err) }), { port: 0, host: '127.0.0.1' }));
      }
    });
    after(async () => {
      for (const s of servers) await s.close();
    });
    const get = (i: number, p: string, token: string | null = tokens[i]!, init: RequestInit = {}): Promise<Response> =>
      fetch(servers[i]!.url + p, { ...init, headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/json' } });
    const CH = 1;

    it('asks for a token on ClickHouse, and serves the reports with one', async () => {
      const none = await get(CH, '/api/v1/targets/acme/refdomains', null);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await none.json()) as { code: string }).code, 'UNAUTHORIZED');
      const wrong = await get(CH, '/api/v1/targets/acme/refdomains', 'vouch_wrong');
      assert.equal(wrong.status, 401);
      await wrong.arrayBuffer();
      const rivals = day2.competitors.map((c) => `competitor=${c}`).join('&');
      for (const p of ['refdomains?state=all&limit=1000', 'backlinks?limit=50', 'anchors', 'history', `intersect?${rivals}`]) {
        const res = await get(CH, `/api/v1/targets/acme/${p}`);
        assert.equal(res.status, 200, p);
        assert.ok(Array.isArray(((await res.json()) as { rows: unknown[] }).rows), p);
      }
      assert.ok((await listApiTokens(ch.store)).find((t) => t.name === 'server')?.lastUsedAt instanceof Date, 'the last use is recorded');
      const [a, b] = await Promise.all([0, 1].map(async (i) => (await get(i, '/api/v1/targets/acme/refdomains?state=all&limit=1000')).json()));
      assert.deepEqual(strip(b), strip(a));
      assert.ok(((b as { rows: unknown[] }).rows).length > 5);
    });

    it('runs the prospect pipeline and the jobs list over HTTP on ClickHouse', async () => {
      const found = await get(CH, '/api/v1/targets/acme/prospects?source=broken&limit=3');
      assert.equal(found.status, 200);
      assert.ok(((await found.json()) as { rows: unknown[] }).rows.length > 0);
      const savedRes = await get(CH, '/api/v1/targets/acme/prospects', undefined, { method: 'POST', body: JSON.stringify({ source: ['resource'] }) });
      assert.equal(savedRes.status, 201);
      const saved = ((await savedRes.json()) as { prospects: { id: number; status: string }[] }).prospects;
      assert.ok(saved.length > 0);
      const moved = await get(CH, `/api/v1/prospects/${saved[0]!.id}`, undefined, { method: 'POST', body: JSON.stringify({ status: 'qualified' }) });
      assert.equal(moved.status, 200);
      assert.equal(((await moved.json()) as { status: string }).status, 'qualified');
      const bad = await get(CH, `/api/v1/prospects/${saved[0]!.id}`, undefined, { method: 'POST', body: JSON.stringify({ status: 'new' }) });
      assert.equal(bad.status, 400);
      await bad.arrayBuffer();
      const unknown = await get(CH, '/api/v1/prospects/999999/notes', undefined, { method: 'POST', body: JSON.stringify({ text: 'x' }) });
      assert.equal(unknown.status, 404);
      await unknown.arrayBuffer();
      const jobs = await get(CH, '/api/v1/jobs?state=running,done&limit=5');
      assert.equal(jobs.status, 200);
      assert.ok(Array.isArray(((await jobs.json()) as { jobs: unknown[] }).jobs));
    });

    it('answers every route on ClickHouse, with 501 problem details for what is not ported yet', async (t) => {
      const doc = (await (await get(CH, '/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      const unsupported: string[] = [];
      for (const [p, methods] of Object.entries(doc.paths)) {
        if (!('get' in methods) || p.endsWith('/events')) continue;
        const url = p.replace('{target}', 'acme').replace('{site}', day2.target).replace('{id}', '1');
        const res = await get(CH, url);
        assert.ok(res.status < 500 || res.status === 501, `GET ${p}: ${res.status} ${await res.clone().text()}`);
        if (res.status === 501) {
          assert.equal(res.headers.get('content-type'), 'application/problem+json', p);
          assert.equal(((await res.json()) as { code: string }).code, 'STORE_UNSUPPORTED', p);
          unsupported.push(p);
        } else await res.arrayBuffer();
      }
      assert.deepEqual(logged.filter((e) => !(e instanceof VouchError && e.code === 'STORE_UNSUPPORTED')), [], 'no server error was logged');
      assert.equal(statusForCode('STORE_UNSUPPORTED'), 501, 'what is not ported answers 501');
      t.diagnostic(`not on ClickHouse yet: ${unsupported.join(', ') || 'none'}`);
    });
  });
});
