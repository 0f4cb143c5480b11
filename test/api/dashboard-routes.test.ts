/**
 * The API routes the dashboard adds (target summary, jobs and their event stream) and the static
 * hosting of a built dashboard, through app.request() over a store filled from the demo truth.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiToken, createApp } from '../../src/api/index.js';
import { finishJob, openJob, updateJobProgress } from '../../src/crawl/index.js';
import { rankStore } from '../../src/graph/index.js';
import { addTarget, backlinks, refDomains } from '../../src/reports/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { openDemoStore } from '../reports/demo-store.js';
import type { DemoStore } from '../reports/demo-store.js';

interface Summary {
  authority: number | null;
  backlinks: number;
  refDomains: number;
  rel: Record<'follow' | 'nofollow' | 'ugc' | 'sponsored', number>;
  authorityBands: { from: number; to: number; refDomains: number }[];
  unranked: number;
  toxicityBands: { refDomains: number }[];
  audited: number;
}

/** Read an SSE body to its end: the events in order. */
async function readEvents(res: Response, onEvent?: (event: string, data: string) => Promise<void>): Promise<{ event: string; data: string }[]> {
  const out: { event: string; data: string }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
      const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
      out.push({ event, data });
      await onEvent?.(event, data);
    }
  }
  return out;
}

describe('dashboard API routes', () => {
  let demo: DemoStore;
  let token: string;
  let readToken: string;
  const web = makeTempDir('vouch-web-dist-');
  let app: ReturnType<typeof createApp>;
  const get = (p: string, t: string | null = token): Promise<Response> => Promise.resolve(app.request(p, { headers: t ? { authorization: `Bearer ${t}` } : {} }));

  before(async () => {
    demo = await openDemoStore(2);
    await rankStore(demo.store);
    await addTarget(demo.store, { value: demo.day2.target, name: 'acme' });
    token = (await createApiToken(demo.store, { scope: 'write' })).token;
    readToken = (await createApiToken(demo.store, { name: 'reader', scope: 'read' })).token;
    writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>Vouch dashboard</title>');
    mkdirSync(path.join(web.dir, 'assets'));
    writeFileSync(path.join(web.dir, 'assets', 'app-1234abcd.js'), 'console.log(1)');
    app = createApp({ store: demo.store, staticDir: web.dir });
  });
  after(async () => {
    await demo.cleanup();
    web.cleanup();
  });

  it('summarises a target with the counts the backlinks and refdomains reports give', async () => {
    const res = await get('/api/v1/targets/acme/summary');
    assert.equal(res.status, 200);
    const s = (await res.json()) as Summary;
    const all = await backlinks(demo.store, { target: 'acme', limit: 1 });
    assert.equal(s.backlinks, all.total);
    assert.equal(s.refDomains, (await refDomains(demo.store, { target: 'acme', limit: 1 })).total);
    for (const rel of ['follow', 'nofollow', 'ugc', 'sponsored'] as const) {
      assert.equal(s.rel[rel], (await backlinks(demo.store, { target: 'acme', rel: [rel], limit: 1 })).total, rel);
    }
    assert.equal(s.authorityBands.length, 10);
    for (const b of s.authorityBands) {
      const maxAuthority = b.to === 100 ? 100 : b.to - 1e-9;
      assert.equal(b.refDomains, (await refDomains(demo.store, { target: 'acme', minAuthority: b.from, maxAuthority, limit: 1 })).total, `band ${b.from}`);
    }
    assert.equal(s.authorityBands.reduce((n, b) => n + b.refDomains, 0) + s.unranked, s.refDomains);
    const rows = (await refDomains(demo.store, { target: 'acme', limit: 1000 })).rows;
    assert.equal(s.unranked, rows.filter((r) => r.authority === null).length, 'unranked: referring domains without authority');
    assert.equal(typeof s.authority, 'number');
    assert.equal(s.audited, 0, 'no audit has run');
    assert.ok(s.toxicityBands.every((b) => b.refDomains === 0));
    assert.equal((await get('/api/v1/targets/no-such/summary')).status, 404);
    assert.equal((await get('/api/v1/targets/acme/summary?bogus=1')).status, 400);
    assert.equal((await get('/api/v1/targets/acme/summary', null)).status, 401);
  });

  it('lists jobs newest first, filtered by state, and validates its parameters', async () => {
    const a = (await openJob(demo.store, { kind: 'crawl', jobKey: 'list-a', params: { seeds: ['x'] } })).job;
    await finishJob(demo.store, a.id, 'done', { progress: { pages: 3, queued: 0 } });
    const b = (await openJob(demo.store, { kind: 'rank', jobKey: 'list-b', params: null })).job;
    const all = (await (await get('/api/v1/jobs', readToken)).json()) as { jobs: { id: number; kind: string; state: string; progress: unknown; params: unknown }[] };
    assert.deepEqual(all.jobs.slice(0, 2).map((j) => [j.id, j.kind, j.state]), [[b.id, 'rank', 'running'], [a.id, 'crawl', 'done']]);
    assert.deepEqual(all.jobs[1]!.progress, { pages: 3, queued: 0 });
    assert.deepEqual(all.jobs[1]!.params, { seeds: ['x'] });
    const done = (await (await get('/api/v1/jobs?state=done&limit=5')).json()) as { jobs: { state: string }[] };
    assert.ok(done.jobs.length >= 1 && done.jobs.every((j) => j.state === 'done'));
    for (const bad of ['state=finished', 'limit=0', 'limit=abc', 'bogus=1']) {
      const res = await get(`/api/v1/jobs?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(((await res.json()) as { 'invalid-params': { name: string }[] })['invalid-params'][0]!.name, bad.split('=')[0]);
    }
    assert.equal((await get('/api/v1/jobs', null)).status, 401);
    await finishJob(demo.store, b.id, 'interrupted');
  });

  it('streams job progress as server-sent events until no job runs', async () => {
    const idle = await get('/api/v1/jobs/events');
    assert.equal(idle.status, 200);
    assert.match(idle.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.deepEqual((await readEvents(idle)).map((e) => e.event), ['hello', 'idle'], 'nothing runs: the stream ends at once');
    assert.equal((await get('/api/v1/jobs/events', null)).status, 401);

    const { job } = await openJob(demo.store, { kind: 'monitor', jobKey: 'sse', params: null });
    await updateJobProgress(demo.store, job.id, { done: 1, total: 3 });
    const seen: unknown[] = [];
    // Each job event moves the job on, so the stream must carry every change to its end.
    const events = await readEvents(await get('/api/v1/jobs/events'), async (event, data) => {
      if (event !== 'job') return;
      const j = JSON.parse(data) as { id: number; state: string; progress: { done: number } };
      seen.push([j.state, j.progress.done]);
      if (j.progress.done < 3) await updateJobProgress(demo.store, job.id, { done: j.progress.done + 1, total: 3 });
      else if (j.state === 'running') await finishJob(demo.store, job.id, 'done');
    });
    assert.deepEqual(seen, [['running', 1], ['running', 2], ['running', 3], ['done', 3]]);
    assert.equal(events.at(-1)!.event, 'idle');
  });

  it('serves the built dashboard: index.html for client routes, cached hashed assets, 404 for missing files', async () => {
    const page = await get('/t/acme/overview', null);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Vouch dashboard/);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const root = await get('/', null);
    assert.equal(root.status, 200);
    assert.equal(root.headers.get('cache-control'), 'no-cache');
    assert.match(root.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const asset = await get('/assets/app-1234abcd.js', null);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await get('/assets/missing-0000.js', null)).status, 404);
    const api = await get('/api/v1/targets');
    assert.equal(api.headers.get('cache-control'), 'no-store');
    assert.equal(api.headers.get('content-security-policy'), null);
  });
});
