/**
 * Alerts end to end: rules judge link events, webhooks reach a real receiver (retries after 503,
 * HMAC signature over the raw body, Slack payload), email reaches a real SMTP server on loopback,
 * digest channels get one message, and every delivery is stored with its status and attempts.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { addAlertChannel, addAlertRule, deliverAlerts, evaluateAlerts, listAlerts, signWebhookBody } from '../../src/monitor/index.js';
import { addTarget } from '../../src/reports/index.js';
import type { TargetRecord } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
}

const SECRET = 's3cret-key';
const temp = makeTempDir('vouch-alerts-');
let store: DuckDbStore;
let target: TargetRecord;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failFirst = 0;
const mails: string[] = [];
let smtp: SMTPServer;
let smtpPort: number;

async function link(src: string, dst: string, at: Date): Promise<number> {
  const srcHost = new URL(src).hostname;
  const dstHost = new URL(dst).hostname;
  await store.writeLinks([
    { srcUrl: src, dstUrl: dst, srcHost, srcDomain: srcHost, dstHost, dstDomain: dstHost, kind: 'a', anchor: 'x', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false, httpStatus: null, firstSeen: at, lastSeen: at, source: 'crawl' },
  ]);
  const row = await store.one<{ id: bigint }>(`SELECT id FROM links WHERE src_url = $1`, [src]);
  return Number(row!.id);
}

async function lose(id: number, at: Date, reason: string): Promise<void> {
  await store.run(`UPDATE links SET lost_at = $2, lost_reason = $3 WHERE id = $1`, [id, at, reason]);
  await store.run(`INSERT INTO link_events (occurred_at, link_id, event, reason) VALUES ($1, $2, 'lost', $3)`, [at, id, reason]);
}

before(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
      if (failFirst > 0) {
        failFirst--;
        res.writeHead(503).end('busy');
      } else if (req.url === '/gone') res.writeHead(410).end('gone');
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => (text += d));
      stream.on('end', () => {
        mails.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  store = await openStore({ dataDir: temp.dir });
  target = await addTarget(store, { value: 'shop.test' });
});

after(async () => {
  await store.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  temp.cleanup();
});

const fast = { webhook: { baseDelayMs: 5, maxAttempts: 4 }, email: { baseDelayMs: 5 } };

describe('alert rules and delivery', () => {
  it('fires lost-authority only for ranked domains at or above the threshold, and says when domains are unranked', async () => {
    const t0 = new Date(Date.now() - 3_600_000);
    const strong = await link('http://news.test/a', 'http://shop.test/', t0);
    const weak = await link('http://tiny.test/a', 'http://shop.test/', t0);
    const unranked = await link('http://new.test/a', 'http://shop.test/', t0);
    await store.run(`INSERT INTO domains (domain, authority) VALUES ('news.test', 72), ('tiny.test', 12)`);
    const rule = await addAlertRule(store, target.id, 'lost-authority', 50);
    const webhook = await addAlertChannel(store, target.id, { kind: 'webhook', url: `${receiverUrl}/hook`, secret: SECRET });
    await addAlertChannel(store, target.id, { kind: 'email', url: `smtp://127.0.0.1:${smtpPort}`, to: 'seo@shop.test', from: 'vouch@shop.test' });
    for (const id of [strong, weak, unranked]) await lose(id, new Date(), 'page-gone');

    const r = await evaluateAlerts(store, target);
    assert.equal(r.alerts.length, 1);
    assert.equal(r.alerts[0]!.ruleId, rule.id);
    const details = r.alerts[0]!.details as { total: number; links: { srcUrl: string; reason: string; score: number }[] };
    assert.deepEqual(details.links.map((l) => [l.srcUrl, l.reason, l.score]), [['http://news.test/a', 'page-gone', 72]]);
    assert.equal(r.notes.length, 1, 'one note about the unranked domain');
    // The same events are never judged twice.
    assert.equal((await evaluateAlerts(store, target)).alerts.length, 0);

    // Delivery: the webhook answers 503 twice, then 204; the email goes through at once.
    failFirst = 2;
    const before = received.length;
    const d = await deliverAlerts(store, { targetId: target.id, ...fast });
    assert.deepEqual({ delivered: d.delivered, failed: d.failed, messages: d.messages }, { delivered: 2, failed: 0, messages: 2 });
    const hits = received.slice(before);
    assert.equal(hits.length, 3, 'two retries after the 503s');
    for (const h of hits) {
      const expected = createHmac('sha256', SECRET).update(h.raw).digest();
      const got = Buffer.from(String(h.headers['x-vouch-signature']).replace(/^sha256=/, ''), 'hex');
      assert.equal(got.length, expected.length);
      assert.ok(timingSafeEqual(got, expected), 'the signature is the HMAC of the raw body');
      const body = JSON.parse(h.raw.toString('utf8')) as { type: string; sentAt: string; alerts: { message: string }[] };
      assert.equal(body.type, 'vouch.alert');
      assert.equal(String(Math.floor(Date.parse(body.sentAt) / 1000)), h.headers['x-vouch-timestamp']);
      assert.equal(body.alerts.length, 1);
    }
    assert.equal(signWebhookBody(SECRET, hits[0]!.raw), hits[0]!.headers['x-vouch-signature']);
    const rows = await store.all<{ channel_id: bigint; status: string; attempts: number }>(`SELECT channel_id, status, attempts FROM alert_deliveries ORDER BY channel_id`);
    assert.deepEqual(rows.map((x) => [Number(x.channel_id), x.status, x.attempts]), [[webhook.id, 'delivered', 3], [webhook.id + 1, 'delivered', 1]]);
    const [alert] = await listAlerts(store, { targetId: target.id });
    assert.equal(alert!.deliveryStatus, 'delivered');
    assert.equal(alert!.attempts, 4);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!, /To: seo@shop\.test/);
    assert.match(mails[0]!, /http:\/\/news\.test\/a/);
  });

  it('stores a failed delivery when the receiver refuses for good, without retrying a 4xx', async () => {
    const other = await addTarget(store, { value: 'other.test' });
    await addAlertRule(store, other.id, 'lost-authority', 10);
    await addAlertChannel(store, other.id, { kind: 'webhook', url: `${receiverUrl}/gone` });
    const id = await link('http://news.test/b', 'http://other.test/', new Date(Date.now() - 60_000));
    await lose(id, new Date(), 'link-removed');
    assert.equal((await evaluateAlerts(store, other)).alerts.length, 1);
    const before = received.length;
    const d = await deliverAlerts(store, { targetId: other.id, ...fast });
    assert.equal(d.failed, 1);
    assert.equal(received.length - before, 1);
    const [alert] = await listAlerts(store, { targetId: other.id });
    assert.equal(alert!.deliveryStatus, 'failed');
    assert.equal(alert!.lastError, 'HTTP 410');
    assert.equal(received[received.length - 1]!.headers['x-vouch-signature'], undefined, 'no secret, no signature');
  });

  it('new-toxic cannot fire on unaudited domains and says so; fires once toxicity is known', async () => {
    const t = await addTarget(store, { value: 'toxic-target.test' });
    await addAlertRule(store, t.id, 'new-toxic', 60);
    await link('http://spam.test/x', 'http://toxic-target.test/', new Date());
    const r1 = await evaluateAlerts(store, t);
    assert.equal(r1.alerts.length, 0);
    assert.match(r1.notes.join('\n'), /toxicity/);
    await store.run(`INSERT INTO domains (domain, toxicity) VALUES ('spam2.test', 80)`);
    await link('http://spam2.test/x', 'http://toxic-target.test/', new Date());
    const r2 = await evaluateAlerts(store, t);
    assert.equal(r2.alerts.length, 1);
    assert.equal(r2.alerts[0]!.kind, 'new-toxic');
  });

  it('refdomains-drop and velocity-spike fire once a day', async () => {
    const t = await addTarget(store, { value: 'drop.test' });
    const day = 24 * 3_600_000;
    const old = new Date(Date.now() - 40 * day);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await link(`http://ref${i}.test/`, 'http://drop.test/', old));
    await addAlertRule(store, t.id, 'refdomains-drop', 50);
    await addAlertRule(store, t.id, 'velocity-spike', 3, { minLinks: 5 });
    for (const id of ids.slice(0, 2)) await lose(id, new Date(Date.now() - 3_600_000), 'page-gone');
    for (let i = 0; i < 6; i++) await link(`http://burst${i}.test/`, 'http://drop.test/', new Date(Date.now() - 60_000));
    // 4 domains a day ago; 2 lost and 6 new since: 8 now — no drop. Spike: 6 new today against ~0 before.
    let r = await evaluateAlerts(store, t);
    assert.deepEqual(r.alerts.map((a) => a.kind), ['velocity-spike']);
    for (let i = 0; i < 6; i++) {
      const row = await store.one<{ id: bigint }>(`SELECT id FROM links WHERE src_url = $1`, [`http://burst${i}.test/`]);
      await lose(Number(row!.id), new Date(), 'link-removed');
    }
    r = await evaluateAlerts(store, t);
    assert.deepEqual(r.alerts.map((a) => a.kind), ['refdomains-drop']);
    assert.equal((r.alerts[0]!.details as { before: number; now: number }).now, 2);
    assert.equal((await evaluateAlerts(store, t)).alerts.length, 0, 'once a day');
  });

  it('a digest channel gets every pending alert in one message, only when the digest is sent', async () => {
    const t = await addTarget(store, { value: 'digest.test' });
    await addAlertRule(store, t.id, 'lost-authority', 0);
    const ch = await addAlertChannel(store, t.id, { kind: 'webhook', url: `${receiverUrl}/digest`, slack: true, digest: true });
    await store.run(`INSERT INTO domains (domain, authority) VALUES ('d1.test', 5), ('d2.test', 6)`);
    for (const d of ['d1.test', 'd2.test']) {
      const id = await link(`http://${d}/p`, 'http://digest.test/', new Date(Date.now() - 60_000));
      await lose(id, new Date(), 'now-nofollow');
      assert.equal((await evaluateAlerts(store, t)).alerts.length, 1);
    }
    const before = received.length;
    assert.equal((await deliverAlerts(store, { targetId: t.id, ...fast })).messages, 0, 'digest channels wait');
    const d = await deliverAlerts(store, { targetId: t.id, digest: true, ...fast });
    assert.deepEqual({ messages: d.messages, delivered: d.delivered }, { messages: 1, delivered: 2 });
    const hits = received.slice(before);
    assert.equal(hits.length, 1);
    const body = JSON.parse(hits[0]!.raw.toString('utf8')) as { text: string };
    assert.match(body.text, /2 alerts for digest\.test/);
    assert.match(body.text, /d1\.test/);
    assert.match(body.text, /d2\.test/);
    const statuses = await store.all<{ status: string }>(`SELECT DISTINCT status FROM alert_deliveries WHERE channel_id = $1`, [ch.id]);
    assert.deepEqual(statuses, [{ status: 'delivered' }]);
  });

  it('refuses bad rules and channels', async () => {
    await assert.rejects(addAlertRule(store, target.id, 'nope', 1), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(addAlertRule(store, target.id, 'lost-authority', 101), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(addAlertChannel(store, target.id, { kind: 'webhook', url: 'ftp://x' }), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(addAlertChannel(store, target.id, { kind: 'email', url: 'smtp://127.0.0.1:25', to: 'not-an-address' }), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT');
  });
});

describe('GET /api/v1/targets/:target/alerts', () => {
  it('lists the target alerts with their delivery status, and 404s an unknown target', async () => {
    const { createApiToken, createApp } = await import('../../src/api/index.js');
    const { token } = await createApiToken(store, { name: 'reader', scope: 'read' });
    const app = createApp({ store, version: 'test' });
    const res = await app.request('/api/v1/targets/shop.test/alerts?status=delivered', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { target: { name: string }; alerts: { kind: string; deliveryStatus: string }[] };
    assert.equal(body.target.name, 'shop.test');
    assert.deepEqual(body.alerts.map((a) => [a.kind, a.deliveryStatus]), [['lost-authority', 'delivered']]);
    const missing = await app.request('/api/v1/targets/nope.test/alerts', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(missing.status, 404);
    const bad = await app.request('/api/v1/targets/shop.test/alerts?limit=0', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(bad.status, 400);
  });
});
