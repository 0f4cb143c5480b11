/**
 * The HTTP API against a real listening server on 127.0.0.1 (port 0), over a store filled from the
 * demo web's ground truth.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validate, compileErrors } from '@readme/openapi-parser';
import { createApiToken, createApp, revokeApiToken, startServer } from '../../src/api/index.js';
import type { RunningServer } from '../../src/api/index.js';
import { addTarget } from '../../src/reports/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { liveLinks, openDemoStore } from '../reports/demo-store.js';
import type { DemoStore } from '../reports/demo-store.js';

interface Operation {
  path: string;
  method: string;
  parameters: Array<{ name: string; in: 'path' | 'query'; schema: { type?: string; items?: unknown } }>;
}

const SQL_ERROR = /(Parser|Binder|Catalog|Conversion|Invalid Input) Error|syntax error|SQL/i;
const INJECTIONS = ["' OR '1'='1", "acme'; DROP TABLE links; --", '1); DELETE FROM targets; --', "%' UNION SELECT token_hash FROM api_tokens --", '$1', '\\x00\u0000'];

describe('HTTP API on a real server', () => {
  let demo: DemoStore;
  let server: RunningServer;
  let writeToken: string;
  let readToken: string;
  let operations: Operation[] = [];
  const logged: unknown[] = [];
  const staticDir = makeTempDir('vouch-web-');

  const call = async (p: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> => {
    const token = init.token === undefined ? writeToken : init.token;
    const headers = new Headers(init.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    return fetch(server.url + p, { ...init, headers });
  };
  /** A concrete URL for an operation, with good path parameters. */
  const urlOf = (op: Operation, pathValues: Record<string, string> = {}): string =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(pathValues[name] ?? (name === 'site' ? 'acme' : 'acme')));

  before(async () => {
    demo = await openDemoStore(2);
    await addTarget(demo.store, { value: demo.day2.target, name: 'acme', brand: demo.day2.brandTerms, keywords: demo.day2.keywords });
    for (const c of demo.day2.competitors) await addTarget(demo.store, { value: c, competitor: true });
    writeToken = (await createApiToken(demo.store, { name: 'admin', scope: 'write' })).token;
    readToken = (await createApiToken(demo.store, { name: 'reader', scope: 'read' })).token;
    writeFileSync(path.join(staticDir.dir, 'index.html'), '<!doctype html><title>Vouch dashboard</title>');
    const app = createApp({ store: demo.store, version: '0.1.0-test', staticDir: staticDir.dir, log: (err) => logged.push(err) });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters: Operation['parameters'] }>> };
    operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ path: p, method, parameters: op.parameters })));
  });
  after(async () => {
    await server.close();
    await demo.cleanup();
    staticDir.cleanup();
  });

  it('listens on the loopback address it was given, on a free port', () => {
    assert.equal(server.host, '127.0.0.1');
    assert.ok(server.port > 0);
  });

  it('answers only the health check without a valid token', async () => {
    const health = await call('/api/v1/health', { token: null });
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', version: '0.1.0-test' });
    assert.ok(operations.length >= 14);
    for (const op of operations) {
      if (op.path === '/api/v1/health') continue;
      for (const token of [null, 'vouch_not-a-real-token', '']) {
        const res = await call(urlOf(op), { method: op.method.toUpperCase(), token });
        assert.equal(res.status, 401, `${op.method} ${op.path} with ${String(token)}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="vouch"/);
        const body = (await res.json()) as { status: number; code: string };
        assert.equal(body.code, 'UNAUTHORIZED');
      }
    }
    const unknown = await call('/api/v1/no-such-route', { token: null });
    assert.equal(unknown.status, 401);
  });

  it('refuses revoked tokens, and writes with a read-only token (403)', async () => {
    const { token, info } = await createApiToken(demo.store, { name: 'short-lived' });
    assert.equal((await call('/api/v1/targets', { token })).status, 200);
    await revokeApiToken(demo.store, info.id);
    assert.equal((await call('/api/v1/targets', { token })).status, 401);
    assert.equal((await call('/api/v1/targets/acme/backlinks', { token: readToken })).status, 200);
    const post = await call('/api/v1/targets', { method: 'POST', token: readToken, body: JSON.stringify({ value: 'x.test' }), headers: { 'content-type': 'application/json' } });
    assert.equal(post.status, 403);
    assert.equal(((await post.json()) as { code: string }).code, 'FORBIDDEN');
    assert.equal((await call('/api/v1/targets/acme', { method: 'DELETE', token: readToken })).status, 403);
  });

  it('serves the reports, with 404 problems for unknown targets', async () => {
    const res = await call('/api/v1/targets/acme/refdomains?limit=1000');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rows: Array<{ domain: string }>; total: number };
    const truth = new Set(liveLinks(demo.day2).filter((l) => l.dstDomain === demo.day2.target && l.srcDomain !== demo.day2.target).map((l) => l.srcDomain));
    assert.deepEqual(body.rows.map((r) => r.domain).sort(), [...truth].sort());
    for (const op of operations.filter((o) => o.path.includes('{'))) {
      const missing = await call(urlOf(op, { target: 'no-such-target', site: 'not a site' }), { method: op.method.toUpperCase() });
      assert.equal(missing.status, 404, `${op.method} ${op.path}`);
      assert.equal(missing.headers.get('content-type'), 'application/problem+json');
    }
    const inter = await call('/api/v1/targets/acme/intersect?competitor=widgetworld.test&competitor=gadgetbarn.test,sprocketco.test&min=2');
    assert.equal(inter.status, 200);
    assert.equal(((await inter.json()) as { competitors: unknown[] }).competitors.length, 3);
  });

  it('validates every parameter: a bad value is a 400 naming it', async () => {
    const badValue = (p: Operation['parameters'][number]): string => {
      const s = p.schema as { type?: string; enum?: string[]; items?: { enum?: string[] }; anyOf?: unknown };
      if (s.type === 'array') return s.items?.enum ? 'not-a-choice' : 'x'.repeat(3000);
      if (s.enum) return 'not-a-choice';
      if (s.type === 'integer' || s.type === 'number') return 'abc';
      if (s.type === 'boolean') return 'maybe';
      if (s.anyOf) return 'yesterday';
      return 'x'.repeat(3000);
    };
    let checked = 0;
    for (const op of operations) {
      if (op.method !== 'get') continue;
      for (const p of op.parameters.filter((q) => q.in === 'query')) {
        const res = await call(`${urlOf(op)}?${p.name}=${encodeURIComponent(badValue(p))}`);
        assert.equal(res.status, 400, `${op.path} ${p.name}`);
        const body = (await res.json()) as { 'invalid-params': Array<{ name: string; reason: string }> };
        assert.ok(body['invalid-params'].some((i) => i.name === p.name && i.reason.length > 0), `${op.path} ${p.name}: ${JSON.stringify(body)}`);
        checked++;
      }
      const unknown = await call(`${urlOf(op)}?bogus=1`);
      assert.equal(unknown.status, 400, `${op.path} bogus`);
      assert.equal(((await unknown.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'][0]?.name, 'bogus');
    }
    assert.ok(checked > 60, `checked ${checked} parameters`);
    const both = await call('/api/v1/targets/acme/backlinks?target=other');
    assert.equal(both.status, 400);
  });

  it('SQL-injection strings in every parameter give normal results or a 400, never a SQL error', async () => {
    for (const op of operations) {
      if (op.method !== 'get') continue;
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      for (const [n, evil] of INJECTIONS.entries()) {
        // Every query parameter gets the first three; path parameters (looked up by name and value) get all.
        for (const p of n < 3 ? op.parameters.filter((q) => q.in === 'query') : []) {
          const res = await call(`${urlOf(op)}?${p.name}=${encodeURIComponent(evil)}`);
          const text = await res.text();
          assert.ok([200, 400].includes(res.status), `${op.path} ${p.name}=${evil}: ${res.status} ${text.slice(0, 200)}`);
          assert.doesNotMatch(text.slice(0, 2000), SQL_ERROR, `${op.path} ${p.name}`);
        }
        for (const p of pathParams) {
          const res = await call(urlOf(op, { [p.name]: evil }));
          assert.ok([200, 400, 404].includes(res.status), `${op.path} path ${p.name}=${evil}: ${res.status}`);
          assert.doesNotMatch(await res.text(), SQL_ERROR);
        }
      }
    }
    assert.deepEqual(logged, [], 'no request failed on the server side');
    const targets = (await (await call('/api/v1/targets')).json()) as { targets: unknown[] };
    assert.equal(targets.targets.length, 4, 'nothing was deleted');
  });

  it('publishes an OpenAPI 3.1 document that passes the validator and lists every route', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    for (const p of ['/health', '/openapi.json', '/targets', '/targets/{target}', '/targets/{target}/backlinks', '/targets/{target}/backlinks.csv',
      '/targets/{target}/refdomains', '/targets/{target}/refdomains.csv', '/targets/{target}/anchors', '/targets/{target}/pages',
      '/targets/{target}/broken', '/targets/{target}/intersect', '/targets/{target}/history', '/sites/{site}/outlinks']) {
      assert.ok(`/api/v1${p}` in doc.paths, p);
    }
    for (const op of operations) {
      const res = await call(urlOf(op), { method: op.method === 'get' ? 'GET' : 'OPTIONS' });
      if (op.method === 'get') assert.equal(res.status, 200, `${op.path} answers`);
    }
  });

  it('streams CSV exports (RFC 4180, UTF-8, optional BOM)', async () => {
    const json = (await (await call('/api/v1/targets/acme/backlinks?rel=follow&limit=1')).json()) as { total: number };
    const res = await call('/api/v1/targets/acme/backlinks.csv?rel=follow&bom=true');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="backlinks-acme.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const records = text.split('\r\n').filter((l) => l.length > 0);
    assert.equal(records.length, json.total + 1);
    const empty = await (await call('/api/v1/targets/acme/backlinks.csv?anchor=no-such-anchor-anywhere')).text();
    assert.equal(empty.split('\r\n')[0]?.split(',')[0], 'sourceUrl', 'an empty export still has its header');
    const domains = await (await call('/api/v1/targets/acme/refdomains.csv')).text();
    assert.ok(domains.startsWith('domain,'));
  });

  it('adds and removes targets, with JSON body validation and a size limit', async () => {
    const json = { 'content-type': 'application/json' };
    const created = await call('/api/v1/targets', { method: 'POST', headers: json, body: JSON.stringify({ value: 'https://newshop.test/', competitor: true, brand: ['newshop'] }) });
    assert.equal(created.status, 201);
    assert.deepEqual(((await created.json()) as { scope: string; value: string }).scope, 'host');
    const dup = await call('/api/v1/targets', { method: 'POST', headers: json, body: JSON.stringify({ value: 'newshop.test', name: 'newshop.test' }) });
    assert.equal(dup.status, 409);
    const bad = await call('/api/v1/targets', { method: 'POST', headers: json, body: JSON.stringify({ value: 'ftp://x', colour: 1 }) });
    assert.equal(bad.status, 400);
    const names = ((await bad.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'].map((i) => i.name);
    assert.ok(names.includes('colour'));
    const notJson = await call('/api/v1/targets', { method: 'POST', headers: json, body: '{nope' });
    assert.equal(notJson.status, 400);
    const huge = await call('/api/v1/targets', { method: 'POST', headers: json, body: JSON.stringify({ value: 'big.test', brand: ['x'.repeat(200_000)] }) });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { code: string }).code, 'TOO_LARGE');
    assert.equal((await call('/api/v1/targets/newshop.test', { method: 'DELETE' })).status, 200);
    assert.equal((await call('/api/v1/targets/newshop.test')).status, 404);
  });

  it('sends no CORS headers by default', async () => {
    const res = await call('/api/v1/targets', { headers: { origin: 'http://evil.test' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const preflight = await call('/api/v1/targets', { method: 'OPTIONS', token: null, headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  it('serves the dashboard hook: static files and index.html for client routes, never for /api', async () => {
    const home = await call('/', { token: null });
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Vouch dashboard/);
    const deep = await call('/targets/acme', { token: null });
    assert.match(await deep.text(), /Vouch dashboard/);
    const api = await call('/api/v1/missing');
    assert.equal(api.status, 404);
    assert.equal(api.headers.get('content-type'), 'application/problem+json');
  });
});

describe('createApp options', () => {
  it('allows the configured CORS origins only', async () => {
    const demo = await openDemoStore(1);
    try {
      const { token } = await createApiToken(demo.store);
      const server = await startServer(createApp({ store: demo.store, corsOrigins: ['http://dash.test'] }), { port: 0 });
      try {
        const ok = await fetch(`${server.url}/api/v1/targets`, { headers: { origin: 'http://dash.test', authorization: `Bearer ${token}` } });
        assert.equal(ok.headers.get('access-control-allow-origin'), 'http://dash.test');
        const other = await fetch(`${server.url}/api/v1/targets`, { headers: { origin: 'http://evil.test', authorization: `Bearer ${token}` } });
        assert.equal(other.headers.get('access-control-allow-origin'), null);
      } finally {
        await server.close();
      }
    } finally {
      await demo.cleanup();
    }
  });
});
