/** Sending outreach through a real SMTP server on loopback: the log, the daily limit and the opt-out list. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NonRetryableError, RetryableError, ValidationError } from '../../src/core/errors.js';
import { addOptOut, draftOutreach, getProspect, isOptedOut, listOptOuts, outreachLog, saveProspects, sendOutreach } from '../../src/prospect/index.js';
import type { ProspectRecord } from '../../src/prospect/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { row } from './prospect-rows.js';
import { startTestSmtp, type TestSmtp } from './smtp-server.js';

const DAY = new Date('2026-03-02T09:00:00Z');

describe('sendOutreach', () => {
  const tmp = makeTempDir('vouch-smtp-');
  let store: DuckDbStore;
  let smtp: TestSmtp;
  let prospects: ProspectRecord[];
  const opts = (at: Date = DAY) => ({ smtpUrl: '', from: 'Sam <sam@acme.example>', dailyLimit: 2, at, senderName: 'Sam', transport: { ignoreTLS: true, connectionTimeout: 5000 } });
  before(async () => {
    smtp = await startTestSmtp();
    store = await openStore({ dataDir: tmp.dir });
    const target = await addTarget(store, { value: 'acme.example', name: 'acme' });
    prospects = await saveProspects(store, target.id, ['one', 'two', 'three', 'four', 'five'].map((n) => row(`${n}.example`, `http://${n}.example/post`)));
  });
  after(async () => {
    await store.close();
    await smtp.close();
    tmp.cleanup();
  });

  it('renders a draft without sending anything', async () => {
    const draft = await draftOutreach(store, prospects[0]!.id, { senderName: 'Sam' });
    assert.equal(draft.to, 'editor@one.example');
    assert.equal(draft.subject, 'A dead link on A page on one.example');
    assert.match(draft.text ?? '', /http:\/\/rival\.example\/gone/);
    assert.match(draft.text ?? '', /https:\/\/acme\.example\//);
    assert.equal(smtp.received.length, 0);
    await assert.rejects(draftOutreach(store, prospects[0]!.id), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.where === 'sender_name'));
  });

  it('sends through SMTP, logs the message and moves the prospect to contacted', async () => {
    const sent = await sendOutreach(store, prospects[0]!.id, { ...opts(), smtpUrl: smtp.url });
    assert.equal(sent.to, 'editor@one.example');
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.deepEqual([mail.from, mail.to], ['sam@acme.example', ['editor@one.example']]);
    assert.match(mail.raw, /^Subject: A dead link on A page on one\.example\r?$/m);
    assert.match(mail.raw, /old guide/);
    const log = await outreachLog(store);
    assert.deepEqual(log.map((l) => [l.prospectId, l.to, l.sentAt.toISOString()]), [[prospects[0]!.id, 'editor@one.example', DAY.toISOString()]]);
    assert.equal((await getProspect(store, prospects[0]!.id)).status, 'contacted');
  });

  it('enforces the daily limit over all prospects, per UTC day', async () => {
    await sendOutreach(store, prospects[1]!.id, { ...opts(new Date('2026-03-02T20:00:00Z')), smtpUrl: smtp.url });
    assert.equal(smtp.received.length, 2);
    await assert.rejects(sendOutreach(store, prospects[2]!.id, { ...opts(new Date('2026-03-02T23:59:00Z')), smtpUrl: smtp.url }), (e: unknown) => e instanceof RetryableError && e.code === 'DAILY_LIMIT' && e.retryAfterMs === 60_000);
    assert.equal(smtp.received.length, 2, 'nothing sent over the limit');
    assert.equal((await getProspect(store, prospects[2]!.id)).status, 'new');
    await sendOutreach(store, prospects[2]!.id, { ...opts(new Date('2026-03-03T00:00:01Z')), smtpUrl: smtp.url });
    assert.equal(smtp.received.length, 3, 'a new day has a new allowance');
    assert.equal((await outreachLog(store)).length, 3);
  });

  it('always honours the opt-out list, by address and by domain', async () => {
    const later = new Date('2026-03-05T09:00:00Z');
    await addOptOut(store, 'Editor@Four.example', 'asked us to stop');
    await addOptOut(store, 'five.example');
    assert.deepEqual((await listOptOuts(store)).map((o) => o.value), ['editor@four.example', 'five.example']);
    assert.equal(await isOptedOut(store, 'anyone@mail.five.example'), true);
    await assert.rejects(sendOutreach(store, prospects[3]!.id, { ...opts(later), smtpUrl: smtp.url }), (e: unknown) => e instanceof NonRetryableError && e.code === 'OPTED_OUT');
    await assert.rejects(sendOutreach(store, prospects[4]!.id, { ...opts(later), smtpUrl: smtp.url, to: 'someone@else.example' }), (e: unknown) => e instanceof NonRetryableError && e.code === 'OPTED_OUT');
    assert.equal(smtp.received.length, 3);
    await assert.rejects(addOptOut(store, 'not an address'), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_INPUT');
  });

  it('refuses a bad sender and reports an unreachable server as retryable', async () => {
    const later = new Date('2026-03-06T09:00:00Z');
    await assert.rejects(sendOutreach(store, prospects[0]!.id, { ...opts(later), smtpUrl: smtp.url, from: 'nobody' }), (e: unknown) => e instanceof ValidationError);
    const closed = await startTestSmtp();
    await closed.close();
    await assert.rejects(sendOutreach(store, prospects[0]!.id, { ...opts(later), smtpUrl: closed.url }), (e: unknown) => e instanceof RetryableError && e.code === 'NETWORK');
    assert.equal((await outreachLog(store)).length, 3, 'a failed send is not logged as sent');
  });
});
