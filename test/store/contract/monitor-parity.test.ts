/**
 * The monitor gives the same answers on DuckDB and ClickHouse (chdb): the demo web's day 1 is
 * crawled into a DuckDB store and copied into a ClickHouse store, the web switches to day 2, and the
 * same monitor run (verify, the re-crawl of the source hosts, alert rules, a webhook) runs on each.
 * Both must find the same lost links with the same reasons, the same new links, the same link
 * events and the same alerts; a second run must add nothing. The ClickHouse lock (a row per
 * contender, the earliest holds) must keep a second holder out.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RetryableError, VouchError } from '../../../src/core/errors.js';
import type { LinkKind, LinkPosition, LinkRecord, PageRecord, RecordSource } from '../../../src/core/types.js';
import { crawl } from '../../../src/crawl/index.js';
import { startDemoServer, truthLinkKey } from '../../../src/demo/index.js';
import type { DemoServer, DemoTruthDiff } from '../../../src/demo/index.js';
import {
  acquireMonitorLock, addAlertChannel, addAlertRule, deliverAlerts, evaluateAlerts, listAlertChannels, listAlertRules, listAlerts, listMonitorSchedules,
  monitorLockName, raiseAlert, removeAlertChannel, removeAlertRule, removeMonitorSchedule, runMonitor, saveMonitorSchedule, verify,
} from '../../../src/monitor/index.js';
import type { MonitorOptions, MonitorResult } from '../../../src/monitor/index.js';
import { addTarget } from '../../../src/reports/index.js';
import type { TargetRecord } from '../../../src/reports/index.js';
import { openStore } from '../../../src/store/index.js';
import type { DuckDbStore, Store } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from './chdb-store.js';
import type { OpenedStore } from './store-contract.js';

type Row = Record<string, unknown>;

function toLink(r: Row): LinkRecord {
  return {
    srcUrl: r.src_url as string, dstUrl: r.dst_url as string, srcHost: r.src_host as string, srcDomain: r.src_domain as string,
    dstHost: r.dst_host as string, dstDomain: r.dst_domain as string, kind: r.kind as LinkKind, anchor: r.anchor as string,
    nofollow: r.nofollow as boolean, ugc: r.ugc as boolean, sponsored: r.sponsored as boolean, metaNofollow: r.meta_nofollow as boolean,
    hidden: r.hidden as boolean, position: r.position as LinkPosition, context: r.context as string, httpStatus: (r.http_status as number | null) ?? null,
    firstSeen: r.first_seen as Date, lastSeen: r.last_seen as Date, source: r.source as RecordSource,
  };
}

function toPage(r: Row): PageRecord {
  return {
    url: r.url as string, host: r.host as string, domain: r.domain as string, ip: r.ip as string | null, fetchedAt: r.fetched_at as Date,
    status: r.status as number, contentType: r.content_type as string | null, bytes: Number(r.bytes), title: r.title as string | null,
    lang: r.lang as string | null, canonical: r.canonical as string | null, noindex: r.noindex as boolean, nofollow: r.nofollow as boolean,
    xRobots: r.x_robots as string | null, outlinks: r.outlinks as number, contentHash: r.content_hash as string | null,
    source: r.source as RecordSource, error: r.error as string | null, depth: r.depth as number | null,
  };
}

/** What a store holds of one monitor run, without ids and times (which differ by design). */
async function runEvents(store: Store, jobIds: number[]): Promise<string[]> {
  const rows = await store.all<{ src_url: string; dst_url: string; kind: string; anchor: string; event: string; reason: string | null }>(
    `SELECT l.src_url AS src_url, l.dst_url AS dst_url, l.kind AS kind, l.anchor AS anchor, e.event AS event, e.reason AS reason
     FROM link_events e JOIN links l ON l.id = e.link_id WHERE e.job_id IN ($1, $2)`,
    [jobIds[0]!, jobIds[1]!],
  );
  return rows.map((r) => [r.event, r.reason ?? '-', r.kind, r.src_url, r.dst_url, r.anchor].join(' ')).sort();
}

async function linkStates(store: Store, domain: string): Promise<string[]> {
  const rows = await store.all<{ src_url: string; dst_url: string; kind: string; anchor: string; lost_reason: string | null; live: boolean | number; nofollow: boolean }>(
    `SELECT src_url, dst_url, kind, anchor, lost_reason, lost_at IS NULL AS live, nofollow FROM links WHERE dst_domain = $1`,
    [domain],
  );
  return rows.map((r) => [r.live ? 'live' : 'lost', r.lost_reason ?? '-', r.nofollow, r.kind, r.src_url, r.dst_url, r.anchor].join(' ')).sort();
}

async function counts(store: Store): Promise<Record<string, number>> {
  const n = async (sql: string): Promise<number> => (await store.one<{ n: number }>(sql))!.n;
  return {
    links: await n(`SELECT count(*)::INTEGER AS n FROM links`),
    events: await n(`SELECT count(*)::INTEGER AS n FROM link_events`),
    pages: await n(`SELECT count(*)::INTEGER AS n FROM pages`),
    alerts: await n(`SELECT count(*)::INTEGER AS n FROM alerts`),
    deliveries: await n(`SELECT count(*)::INTEGER AS n FROM alert_deliveries`),
    queue: await n(`SELECT count(*)::INTEGER AS n FROM verify_queue`),
    locks: await n(`SELECT count(*)::INTEGER AS n FROM locks`),
  };
}

async function alertsOf(store: Store): Promise<unknown[]> {
  return (await listAlerts(store)).map((a) => {
    const p = a.payload as { total?: number; domains?: number; links?: { srcUrl: string; dstUrl: string; reason: string | null; score: number }[] };
    const links = (p.links ?? []).map((l) => `${l.srcUrl} ${l.dstUrl} ${l.reason ?? '-'} ${l.score}`).sort();
    return { kind: a.kind, rule: a.rule, message: a.message, status: a.deliveryStatus, attempts: a.attempts, total: p.total, domains: p.domains, links };
  }).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

describe('the monitor gives the same answers on DuckDB and ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-monitor-parity-');
  let server: DemoServer;
  let duck: DuckDbStore;
  let ch: OpenedStore;
  let hook: http.Server;
  const received: string[] = [];
  const targets = new Map<Store, TargetRecord>();
  const results = new Map<Store, MonitorResult>();
  let options: MonitorOptions;

  async function prepare(store: Store): Promise<void> {
    const t = await addTarget(store, { value: server.truth.target });
    targets.set(store, t);
    // Authority and toxicity for every linking domain, so that both event rules have scores to judge.
    const domains = await duck.all<{ d: string }>(`SELECT DISTINCT src_domain AS d FROM links WHERE dst_domain = $1 ORDER BY d`, [server.truth.target]);
    for (const [i, { d }] of domains.entries()) {
      await store.run(`INSERT INTO ${store.dialect === 'clickhouse' ? 'domains_data' : 'domains'} (domain, hosts, pages, authority, toxicity) VALUES ($1, 1, 1, $2, $3)`, [d, 20 + (i % 5) * 10, (i % 3) * 40]);
    }
    await addAlertRule(store, t.id, 'lost-authority', 30);
    await addAlertRule(store, t.id, 'new-toxic', 50);
    await addAlertChannel(store, t.id, { kind: 'webhook', url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` });
  }

  before(async () => {
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    server = await startDemoServer({ seed: 5, sites: 20, pages: 120 });
    duck = await openStore({ dataDir: tmp.dir });
    ch = await openChdbStore();
    const fetch = { resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32 };
    const crawled = await crawl(duck, { seeds: server.truth.seeds, ...fetch });
    assert.equal(crawled.state, 'done');
    // The ClickHouse store gets the same day 1 (the crawler writes DuckDB): links, pages and the crawl job.
    await ch.store.writeLinks((await duck.all(`SELECT * FROM links ORDER BY id`)).map(toLink));
    await ch.store.writePages((await duck.all(`SELECT * FROM pages ORDER BY url`)).map(toPage));
    for (const j of await duck.all<{ id: bigint; kind: string; job_key: string; state: string; params: string; started_at: Date }>(`SELECT id, kind, job_key, state, params::VARCHAR AS params, started_at FROM jobs`)) {
      await ch.store.run(`INSERT INTO jobs_data (id, kind, job_key, state, params, progress, started_at, updated_at) VALUES ($1, $2, $3, $4, $5, '{}', $6, $6)`, [
        j.id, j.kind, j.job_key, j.state, j.params, j.started_at,
      ]);
    }
    await prepare(duck);
    await prepare(ch.store);
    server.setDay(2);
    options = { ...fetch, retryBaseDelayMs: 10, maxHosts: 4, newHosts: 1 };
    for (const store of [duck, ch.store] as Store[]) results.set(store, await runMonitor(store, server.truth.target, options, { deliver: { webhook: { baseDelayMs: 5 } } }));
  });

  after(async () => {
    await duck.close();
    await ch.cleanup();
    removeChdbDir();
    await server.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
    tmp.cleanup();
  });

  it('the same run finds the same lost links with the same reasons, and the same new links', async () => {
    const a = results.get(duck)!;
    const b = results.get(ch.store)!;
    assert.equal(a.state, 'done');
    assert.equal(b.state, 'done');
    assert.deepEqual(b.verify?.events, a.verify?.events);
    assert.equal(b.verify?.pages, a.verify?.pages);
    assert.equal(b.verify?.links, a.verify?.links);
    assert.deepEqual({ ...b.discover }, { ...a.discover });
    // The run is right, not just alike: its lost events are the truth's day-2 losses.
    const diff = server.truth.diff as DemoTruthDiff;
    const target = server.truth.target;
    const wantLost = diff.removed.filter((x) => x.link.dstDomain === target && x.link.srcDomain !== target).map((x) => truthLinkKey(x.link)).sort();
    const lost = await ch.store.all<{ kind: string; src_url: string; dst_url: string; anchor: string }>(
      `SELECT l.kind AS kind, l.src_url AS src_url, l.dst_url AS dst_url, l.anchor AS anchor FROM link_events e JOIN links l ON l.id = e.link_id WHERE e.job_id = $1 AND e.event = 'lost'`,
      [b.verify!.jobId],
    );
    assert.ok(wantLost.length >= 5);
    assert.deepEqual(lost.map((l) => truthLinkKey({ kind: l.kind as 'a', srcUrl: l.src_url, dstUrl: l.dst_url, anchor: l.anchor })).sort(), wantLost);
    assert.ok(new Set(a.verify!.events.map((e) => e.reason)).size >= 3, 'several loss reasons');
    assert.ok((a.discover?.newLinks ?? 0) > 0, 'the re-crawl finds new links');
  });

  it('writes the same link events and leaves the links in the same state', async () => {
    const a = results.get(duck)!;
    const b = results.get(ch.store)!;
    const ea = await runEvents(duck, [a.verify!.jobId, a.jobId]);
    const eb = await runEvents(ch.store, [b.verify!.jobId, b.jobId]);
    assert.ok(ea.length > 10);
    assert.deepEqual(eb, ea);
    assert.deepEqual(await linkStates(ch.store, server.truth.target), await linkStates(duck, server.truth.target));
    const ca = await counts(duck);
    const cb = await counts(ch.store);
    assert.deepEqual(cb, ca);
    assert.equal(cb.queue, 0);
    assert.equal(cb.locks, 0);
  });

  it('raises and delivers the same alerts', async () => {
    const a = results.get(duck)!;
    const b = results.get(ch.store)!;
    assert.ok((a.alerts?.alerts.length ?? 0) >= 1, 'an alert fires');
    assert.deepEqual(b.alerts?.alerts.map((x) => x.message).sort(), a.alerts?.alerts.map((x) => x.message).sort());
    assert.deepEqual(b.alerts?.notes, a.alerts?.notes);
    assert.deepEqual({ ...b.alerts?.delivery }, { ...a.alerts?.delivery });
    const aa = await alertsOf(duck);
    assert.deepEqual(await alertsOf(ch.store), aa);
    assert.ok(aa.every((x) => (x as { status: string }).status === 'delivered'));
    assert.equal(received.length, 2 * aa.length);
  });

  it('a second run finds nothing new and duplicates no row', async () => {
    const before = { duck: await counts(duck), ch: await counts(ch.store) };
    const again = new Map<Store, MonitorResult>();
    for (const store of [duck, ch.store] as Store[]) again.set(store, await runMonitor(store, server.truth.target, { ...options, maxPages: 40 }));
    for (const [store, r] of again) {
      assert.equal(r.state, 'done');
      assert.deepEqual(r.verify?.events, [], store.dialect);
      assert.equal(r.discover?.newLinks, 0, store.dialect);
      assert.deepEqual(r.alerts?.alerts, [], store.dialect);
    }
    assert.deepEqual(await counts(duck), before.duck);
    assert.deepEqual(await counts(ch.store), before.ch);
    const dupes = await ch.store.one<{ n: number }>(`SELECT (count(*) - count(DISTINCT id))::INTEGER AS n FROM links`);
    assert.equal(dupes?.n, 0);
    // A raised alert with the same key is one alert, on both.
    for (const store of [duck, ch.store] as Store[]) {
      const input = { targetId: targets.get(store)!.id, kind: 'won-link-lost', dedupeKey: 'k1', message: 'm', details: { x: 1 } };
      assert.notEqual(await raiseAlert(store, input), null);
      assert.equal(await raiseAlert(store, input), null);
    }
  });

  it('schedules, rules, channels and failed deliveries behave the same', async () => {
    const answers: unknown[] = [];
    for (const store of [duck, ch.store] as Store[]) {
      const t = targets.get(store)!;
      const first = await saveMonitorSchedule(store, t.id, '0 6 * * *', { maxPages: 5 });
      const second = await saveMonitorSchedule(store, t.id, '0 7 * * *', { maxPages: 7 });
      assert.equal(second.createdAt.getTime(), first.createdAt.getTime(), store.dialect);
      const schedules = (await listMonitorSchedules(store)).map((x) => [x.target, x.cron, x.options]);
      const removed = [await removeMonitorSchedule(store, t.id), await removeMonitorSchedule(store, t.id)];
      // A channel nobody answers on: the delivery fails, keeps its attempts, and is tried again.
      const dead = await addAlertChannel(store, t.id, { kind: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's' });
      await raiseAlert(store, { targetId: t.id, kind: 'test', dedupeKey: 'dead', message: 'to a dead channel', details: {} });
      const webhook = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 1_000 };
      const tries = [await deliverAlerts(store, { targetId: t.id, webhook }), await deliverAlerts(store, { targetId: t.id, webhook })];
      const dying = (await listAlerts(store, { status: 'failed' })).map((a) => [a.kind, a.attempts, a.message]);
      await removeAlertChannel(store, t.id, dead.id);
      const channels = (await listAlertChannels(store, t.id)).map((c) => [c.kind, c.url, c.secret, c.slack, c.digest]);
      const drop = await addAlertRule(store, t.id, 'refdomains-drop', 5);
      const spike = await addAlertRule(store, t.id, 'velocity-spike', 2, { days: 3, minLinks: 1 });
      const judged = await evaluateAlerts(store, t);
      await removeAlertRule(store, t.id, drop.id);
      await removeAlertRule(store, t.id, spike.id);
      const rules = (await listAlertRules(store, t.id)).map((r) => [r.kind, r.threshold, r.params, r.enabled]);
      await assert.rejects(removeAlertRule(store, t.id, drop.id), (e: unknown) => e instanceof VouchError && e.code === 'NOT_FOUND');
      const strip = (r: { messages: number; delivered: number; failed: number; errors: unknown[] }): unknown => [r.messages, r.delivered, r.failed, r.errors.length];
      answers.push({ schedules, removed, tries: tries.map(strip), dying, channels, alerts: judged.alerts.map((a) => [a.kind, a.message]), notes: judged.notes, rules });
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual((answers[0] as { removed: boolean[] }).removed, [true, false]);
    // One attempt that reached the live webhook, and two runs of two to the dead one.
    assert.deepEqual((answers[0] as { dying: unknown[] }).dying, [['test', 5, 'to a dead channel']]);
  });

  it('a verify stopped midway on ClickHouse resumes to the same events as an unbroken one on DuckDB', async () => {
    server.setDay(1);
    const whole = await verify(duck, server.truth.target, options);
    const stop = new AbortController();
    const cut = await verify(ch.store, server.truth.target, options, { signal: stop.signal, onProgress: (p) => p.done >= 3 && stop.abort() });
    assert.equal(cut.state, 'interrupted');
    assert.ok(cut.pagesThisRun >= 3 && cut.pagesThisRun < cut.pages, `${cut.pagesThisRun} of ${cut.pages} pages before the stop`);
    const resumed = await verify(ch.store, server.truth.target, options);
    assert.equal(resumed.jobId, cut.jobId);
    assert.ok(resumed.resumed && resumed.state === 'done');
    assert.deepEqual(resumed.events, whole.events);
    assert.ok(whole.events.some((e) => e.event === 'recovered'), 'day 1 again recovers links');
    assert.deepEqual(await runEvents(ch.store, [resumed.jobId, resumed.jobId]), await runEvents(duck, [whole.jobId, whole.jobId]));
    assert.deepEqual(await linkStates(ch.store, server.truth.target), await linkStates(duck, server.truth.target));
  });

  it('the ClickHouse lock keeps a second holder out, and frees itself when released or expired', async () => {
    const store = ch.store;
    const name = monitorLockName(targets.get(store)!.id);
    const held = await acquireMonitorLock(store, name);
    await assert.rejects(acquireMonitorLock(store, name), (e: unknown) => e instanceof RetryableError && e.code === 'CONFLICT');
    await assert.rejects(runMonitor(store, server.truth.target, options), (e: unknown) => e instanceof RetryableError && e.code === 'CONFLICT');
    await held.release();
    // Two contenders at once: exactly one holds it.
    const both = await Promise.allSettled([acquireMonitorLock(store, name), acquireMonitorLock(store, name)]);
    assert.equal(both.filter((s) => s.status === 'fulfilled').length, 1);
    for (const s of both) if (s.status === 'fulfilled') await s.value.release();
    // A live row of another machine holds it; once expired, it does not.
    const foreign = `INSERT INTO locks_data (name, token, pid, hostname, started_at, expires_at, updated_at)
      SELECT $1, 'other', 1, 'elsewhere.example', now64(3, 'UTC'), now64(3, 'UTC') + INTERVAL $2 SECOND, now64(3, 'UTC')`;
    await store.run(foreign, [name, 600]);
    await assert.rejects(acquireMonitorLock(store, name), (e: unknown) => e instanceof RetryableError && e.code === 'CONFLICT');
    await store.run(foreign, [name, -1]);
    const after = await acquireMonitorLock(store, name);
    await after.release();
    const left = await store.all(`SELECT token FROM locks WHERE name = $1 AND expires_at > now64(3, 'UTC')`, [name]);
    assert.deepEqual(left, []);
  });
});
