/**
 * The audit routes of the HTTP API on a real listening server, over a store filled from the demo
 * web's truth and audited: the audit with its filters, the disavow list (add, list, remove), the
 * disavow file, the whitelist and blacklist, validation, 404s and token scopes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createApp, startServer } from '../../src/api/index.js';
import type { RunningServer } from '../../src/api/index.js';
import { auditTarget, parseDisavow } from '../../src/audit/index.js';
import { rankStore } from '../../src/graph/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openDemoStore } from '../reports/demo-store.js';
import type { DemoStore } from '../reports/demo-store.js';

interface AuditPage {
  total: number;
  computedAt: string | null;
  rows: Array<{ domain: string; toxicity: number; markers: Array<{ marker: string; evidence: object }>; linkScores: unknown[] }>;
}

describe('audit API on a real server', () => {
  let demo: DemoStore;
  let server: RunningServer;
  let token: string;
  let readToken: string;
  const json = { 'content-type': 'application/json' };
  const call = (p: string, init: RequestInit & { token?: string } = {}): Promise<Response> =>
    fetch(`${server.url}/api/v1${p}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${init.token ?? token}` } });

  before(async () => {
    demo = await openDemoStore(1);
    await rankStore(demo.store, { threads: 1, seedNames: demo.day1.trustSeeds });
    await addTarget(demo.store, { value: demo.day1.target, name: 'acme', keywords: demo.day1.keywords });
    await addTarget(demo.store, { value: 'never-audited.test', name: 'fresh' });
    token = (await createApiToken(demo.store, { name: 'w', scope: 'write' })).token;
    readToken = (await createApiToken(demo.store, { name: 'r', scope: 'read' })).token;
    server = await startServer(createApp({ store: demo.store, version: 'test' }), { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await server.close();
    await demo.cleanup();
  });

  it('answers an empty audit before the first run, then runs one with POST', async () => {
    const empty = (await (await call('/targets/acme/audit')).json()) as AuditPage;
    assert.deepEqual([empty.total, empty.computedAt, empty.rows], [0, null, []]);
    const run = await call('/targets/acme/audit', { method: 'POST', headers: json, body: JSON.stringify({ threshold: 60 }) });
    assert.equal(run.status, 200);
    const summary = (await run.json()) as { summary: { domains: number; toxic: number }; threshold: number };
    assert.equal(summary.threshold, 60);
    assert.ok(summary.summary.domains > 5 && summary.summary.toxic > 0);
  });

  it('serves the stored audit with markers and evidence, filtered and paged', async () => {
    const all = (await (await call('/targets/acme/audit?limit=1000')).json()) as AuditPage;
    assert.ok(all.total > 5);
    assert.equal(all.rows.length, all.total);
    const scores = all.rows.map((r) => r.toxicity);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const hidden = (await (await call('/targets/acme/audit?marker=hidden-link')).json()) as AuditPage;
    assert.ok(hidden.total > 0 && hidden.rows.every((r) => r.markers.some((m) => m.marker === 'hidden-link' && Object.keys(m.evidence).length > 0)));
    const min = (await (await call('/targets/acme/audit?minToxicity=50&limit=2&offset=1')).json()) as AuditPage;
    assert.equal(min.total, all.rows.filter((r) => r.toxicity >= 50).length);
    assert.deepEqual(min.rows.map((r) => r.domain), all.rows.filter((r) => r.toxicity >= 50).slice(1, 3).map((r) => r.domain));
    for (const bad of ['minToxicity=101', 'limit=0', 'marker=nope', 'colour=red']) {
      const res = await call(`/targets/acme/audit?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await res.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'][0]?.name, bad.split('=')[0]);
    }
    assert.equal((await call('/targets/no-such/audit')).status, 404);
  });

  it('adds, lists and removes disavow entries, and serves the file as an attachment', async () => {
    const add = await call('/targets/acme/disavow', { method: 'POST', headers: json, body: JSON.stringify({ domains: ['Bücher.example', 'spam-one.test'], urls: ['http://spam-two.test/page'], comment: 'seen in GSC' }) });
    assert.equal(add.status, 201);
    const added = ((await add.json()) as { added: Array<{ kind: string; value: string; source: string }> }).added;
    assert.deepEqual(added.map((e) => e.value).sort(), ['http://spam-two.test/page', 'spam-one.test', 'xn--bcher-kva.example']);
    assert.ok(added.every((e) => e.source === 'user'));
    const again = await call('/targets/acme/disavow', { method: 'POST', headers: json, body: JSON.stringify({ domains: ['spam-one.test'] }) });
    assert.deepEqual(((await again.json()) as { added: unknown[] }).added, []);
    const list = (await (await call('/targets/acme/disavow')).json()) as { entries: unknown[] };
    assert.equal(list.entries.length, 3);

    const file = await call('/targets/acme/disavow.txt?threshold=60');
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(file.headers.get('content-disposition'), 'attachment; filename="disavow-acme.txt"');
    const parsed = parseDisavow(Buffer.from(await file.arrayBuffer()));
    assert.equal(parsed.valid, true);
    const values = parsed.entries.map((e) => e.value);
    for (const v of ['xn--bcher-kva.example', 'spam-one.test', 'http://spam-two.test/page']) assert.ok(values.includes(v), v);
    assert.ok(parsed.domains > 3, 'toxic domains from the audit are in the file');
    const fresh = await call('/targets/fresh/disavow.txt');
    assert.equal(fresh.status, 200);
    assert.equal(parseDisavow(Buffer.from(await fresh.arrayBuffer())).entries.length, 0);

    const del = await call('/targets/acme/disavow', { method: 'DELETE', headers: json, body: JSON.stringify({ domains: ['spam-one.test'] }) });
    assert.deepEqual(await del.json(), { removed: 1 });
    assert.equal(((await (await call('/targets/acme/disavow')).json()) as { entries: unknown[] }).entries.length, 2);
  });

  it('rejects bad disavow bodies with the field named', async () => {
    const cases: [string, string][] = [
      ['{}', 'domains'],
      [JSON.stringify({ domains: ['not a domain'] }), 'domain'],
      [JSON.stringify({ urls: ['ftp://x.test/'] }), 'url'],
      [JSON.stringify({ urls: [`http://x.test/${'a'.repeat(2100)}`] }), 'urls'],
      [JSON.stringify({ domains: ['a.test'], extra: 1 }), 'extra'],
      ['{nope', 'body'],
    ];
    for (const [body, name] of cases) {
      const res = await call('/targets/acme/disavow', { method: 'POST', headers: json, body });
      assert.equal(res.status, 400, body);
      const problem = (await res.json()) as { code: string; 'invalid-params': Array<{ name: string }> };
      assert.equal(problem.code, 'INVALID_INPUT');
      assert.ok(problem['invalid-params'].some((p) => p.name === name), `${body}: ${JSON.stringify(problem)}`);
    }
    assert.equal((await call('/targets/acme/disavow', { method: 'POST', headers: json, body: JSON.stringify({ domains: ['a.test'] }), token: readToken })).status, 403);
    assert.equal((await call('/targets/no-such/disavow', { method: 'POST', headers: json, body: JSON.stringify({ domains: ['a.test'] }) })).status, 404);
  });

  it('keeps a whitelist and blacklist that win over the computed score and survive re-audits', async () => {
    const before = (await (await call('/targets/acme/audit?limit=1000')).json()) as AuditPage;
    const toxic = before.rows[0]!.domain;
    const clean = before.rows[before.rows.length - 1]!.domain;
    assert.equal((await call('/targets/acme/whitelist', { method: 'POST', headers: json, body: JSON.stringify({ domains: [toxic] }) })).status, 201);
    assert.equal((await call('/targets/acme/whitelist', { method: 'POST', headers: json, body: JSON.stringify({ domains: [clean], list: 'blacklist' }) })).status, 201);
    const white = (await (await call('/targets/acme/whitelist')).json()) as { overrides: Array<{ domain: string; list: string }> };
    assert.deepEqual(white.overrides.map((o) => o.domain), [toxic]);
    const all = (await (await call('/targets/acme/whitelist?list=all')).json()) as { overrides: unknown[] };
    assert.equal(all.overrides.length, 2);
    await auditTarget(demo.store, 'acme');
    const after = (await (await call('/targets/acme/audit?limit=1000')).json()) as AuditPage;
    assert.equal(after.rows.find((r) => r.domain === toxic)!.toxicity, 0);
    assert.equal(after.rows.find((r) => r.domain === clean)!.toxicity, 100);
    const file = parseDisavow(Buffer.from(await (await call('/targets/acme/disavow.txt')).arrayBuffer()));
    assert.ok(!file.entries.some((e) => e.value === toxic) && file.entries.some((e) => e.value === clean));
    const del = await call('/targets/acme/whitelist', { method: 'DELETE', headers: json, body: JSON.stringify({ domains: [toxic] }) });
    assert.deepEqual(await del.json(), { removed: 1 });
    assert.equal((await call('/targets/acme/whitelist', { method: 'POST', headers: json, body: JSON.stringify({ domains: [] }) })).status, 400);
  });

  it('lists every audit route in the OpenAPI document', async () => {
    const doc = (await (await call('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [p, methods] of [['/targets/{target}/audit', ['get', 'post']], ['/targets/{target}/disavow', ['get', 'post', 'delete']], ['/targets/{target}/disavow.txt', ['get']], ['/targets/{target}/whitelist', ['get', 'post', 'delete']]] as const) {
      assert.deepEqual(Object.keys(doc.paths[`/api/v1${p}`] ?? {}).sort(), [...methods].sort(), p);
    }
  });
});
