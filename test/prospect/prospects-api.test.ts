/**
 * The prospect routes of the HTTP API against a real listening server on 127.0.0.1, over a store
 * filled from the demo web's day-1 truth with page text from the served HTML.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createApp, startServer } from '../../src/api/index.js';
import type { RunningServer } from '../../src/api/index.js';
import { generateDemoWeb } from '../../src/demo/index.js';
import type { DemoTruth } from '../../src/demo/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { DAY1, DEMO_OPTIONS, writeDay } from '../reports/demo-store.js';
import { addDemoTargets, markToxic, writeFootprints } from './demo-crawl.js';

interface Prospect {
  id: number;
  kind: string;
  domain: string;
  status: string;
  tags: string[];
  followUp: string | null;
  notes: Array<{ text: string }>;
}

describe('prospect API on a real server', () => {
  const tmp = makeTempDir('vouch-prospect-api-');
  let store: DuckDbStore;
  let server: RunningServer;
  let truth: DemoTruth;
  let writeToken: string;
  let readToken: string;
  const call = (p: string, init: RequestInit & { token?: string } = {}): Promise<Response> =>
    fetch(server.url + '/api/v1' + p, { ...init, headers: { authorization: `Bearer ${init.token ?? writeToken}`, 'content-type': 'application/json' } });
  const post = (p: string, body: unknown, token?: string): Promise<Response> => call(p, { method: 'POST', body: JSON.stringify(body), ...(token ? { token } : {}) });

  before(async () => {
    const web = generateDemoWeb(DEMO_OPTIONS);
    truth = web.truth;
    store = await openStore({ dataDir: tmp.dir });
    await writeDay(store, truth, DAY1);
    await writeFootprints(store, web);
    await addDemoTargets(store, truth);
    await markToxic(store, truth);
    writeToken = (await createApiToken(store, { name: 'w', scope: 'write' })).token;
    readToken = (await createApiToken(store, { name: 'r', scope: 'read' })).token;
    server = await startServer(createApp({ store, version: 'test' }), { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await server.close();
    await store.close();
    tmp.cleanup();
  });

  it('finds prospects exactly as the truth has them, and saves them with write scope only', async () => {
    const res = await call('/targets/acme/prospects?limit=1000');
    assert.equal(res.status, 200);
    const found = (await res.json()) as { rows: Array<{ kind: string; domain: string; url: string | null }> };
    const key = (k: string, d: string, u: string | null): string => `${k} ${d} ${u ?? '-'}`;
    assert.deepEqual(found.rows.map((r) => key(r.kind, r.domain, r.url)).sort(), [...new Set(truth.prospects.map((p) => key(p.kind, p.domain, p.url)))].sort());
    const bad = await call('/targets/acme/prospects?source=nope');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'][0]?.name, 'source');
    assert.equal((await post('/targets/acme/prospects', { source: ['gap'] }, readToken)).status, 403);
    const saved = await post('/targets/acme/prospects', { source: ['gap', 'broken'] });
    assert.equal(saved.status, 201);
    assert.equal(((await saved.json()) as { prospects: Prospect[] }).prospects.length, truth.prospects.filter((p) => p.kind === 'link-gap' || p.kind === 'broken-link').length);
    assert.equal((await post('/targets/no-such/prospects', {})).status, 404);
  });

  it('moves prospects, refuses invalid moves with a 400, keeps notes, and drafts without sending', async () => {
    const list = (await (await call('/prospects?kind=broken-link')).json()) as { prospects: Prospect[] };
    assert.equal(list.prospects.length, 1);
    const id = list.prospects[0]!.id;
    const moved = await post(`/prospects/${id}`, { status: 'qualified', followUp: '2026-05-01', addTags: ['dead'] });
    assert.equal(moved.status, 200);
    assert.deepEqual(((await moved.json()) as Prospect).tags, ['dead']);
    const invalid = await post(`/prospects/${id}`, { status: 'new' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.headers.get('content-type'), 'application/problem+json');
    assert.equal(((await invalid.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'][0]?.name, 'status');
    assert.equal((await post(`/prospects/${id}`, { status: 'sideways' })).status, 400);
    const noted = await post(`/prospects/${id}/notes`, { text: 'Editor replies on Mondays' });
    assert.equal(noted.status, 201);
    assert.deepEqual(((await noted.json()) as Prospect).notes.map((n) => n.text), ['Editor replies on Mondays']);
    assert.equal((await post(`/prospects/${id}/notes`, { text: 'x' }, readToken)).status, 403);
    assert.equal((await post('/prospects/999999/notes', { text: 'x' })).status, 404);
    assert.equal((await post('/prospects/abc', { status: 'won' })).status, 404);
    const draft = await post(`/prospects/${id}/draft`, { template: { subject: 'Re {{site}}', html: '<p>{{anchor}} → {{your_url}}</p>' }, yourUrl: 'https://acme.example/?a=1&b=<2>' });
    assert.equal(draft.status, 200);
    const d = (await draft.json()) as { to: string | null; subject: string; html: string };
    assert.equal(d.to, 'ads@tinkertools-digest.test');
    assert.equal(d.html, '<p>widget care guide → https://acme.example/?a=1&amp;b=&lt;2&gt;</p>');
    const missing = await post(`/prospects/${id}/draft`, { template: { subject: 'Hi {{nobody}}', text: 'x' } });
    assert.equal(missing.status, 400);
    const due = (await (await call('/prospects?dueBy=2026-05-01&status=qualified')).json()) as { prospects: Prospect[] };
    assert.deepEqual(due.prospects.map((p) => p.id), [id]);
    assert.equal((await call('/prospects?target=no-such')).status, 400);
  });

  it('lists the prospect routes in the OpenAPI document', async () => {
    const doc = (await (await call('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [p, m] of [['/api/v1/targets/{target}/prospects', 'get'], ['/api/v1/targets/{target}/prospects', 'post'], ['/api/v1/prospects', 'get'], ['/api/v1/prospects/{id}', 'post'], ['/api/v1/prospects/{id}/notes', 'post'], ['/api/v1/prospects/{id}/draft', 'post']] as const) {
      assert.ok(doc.paths[p]?.[m], `${m} ${p}`);
    }
  });
});
