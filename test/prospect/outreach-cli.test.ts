/**
 * `vouch prospects` and `vouch outreach` as a user runs them (the real binary in a child process),
 * over a store filled from the demo web's day-1 truth (test/reports/demo-store.ts, page text from
 * the served HTML by the crawler's extractor), with a real
 * SMTP server on loopback for --send.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemoWeb } from '../../src/demo/index.js';
import type { DemoTruth } from '../../src/demo/index.js';
import { getProspect, outreachLog } from '../../src/prospect/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { DAY1, DEMO_OPTIONS, writeDay } from '../reports/demo-store.js';
import { addDemoTargets, markToxic, writeFootprints } from './demo-crawl.js';
import { startTestSmtp, type TestSmtp } from './smtp-server.js';

describe('vouch prospects and vouch outreach', () => {
  const tmp = makeTempDir('vouch-outreach-cli-');
  let truth: DemoTruth;
  let smtp: TestSmtp;
  let saved: Array<{ kind: string; domain: string; prospectId: number | null; status: string | null }> = [];
  const idOf = (kind: string): string => String(saved.find((r) => r.kind === kind)?.prospectId);
  const vouch = (...args: string[]) => runCli([...args, '--data', tmp.dir]);
  before(async () => {
    const web = generateDemoWeb(DEMO_OPTIONS);
    truth = web.truth;
    const store = await openStore({ dataDir: tmp.dir });
    await writeDay(store, truth, DAY1);
    await writeFootprints(store, web);
    await addDemoTargets(store, truth);
    await markToxic(store, truth);
    await store.close();
    smtp = await startTestSmtp();
  });
  after(async () => {
    await smtp.close();
    tmp.cleanup();
  });

  it('ranks prospects as JSON and CSV, and saves them to the pipeline', async () => {
    const json = await vouch('prospects', 'acme', '--source', 'gap,broken', '--save', '--json');
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as { rows: Array<{ kind: string; domain: string; prospectId: number | null; status: string | null }> };
    const want = truth.prospects.filter((p) => p.kind === 'link-gap' || p.kind === 'broken-link').map((p) => `${p.kind} ${p.domain}`).sort();
    assert.deepEqual(result.rows.map((r) => `${r.kind} ${r.domain}`).sort(), want);
    assert.ok(result.rows.every((r) => r.prospectId !== null && r.status === 'new'));
    saved = result.rows;
    const csv = await vouch('prospects', 'acme', '--source', 'broken', '--csv', '--contacts');
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout.split('\r\n')[0], 'score,source,domain,url,authority,relevance,toxicity,status,contacts,explanation');
    assert.match(csv.stdout, /ads@tinkertools-digest\.test tips@tinkertools-digest\.test/);
  });

  it('moves prospects along the pipeline, notes, exports and drafts without sending', async () => {
    const id = idOf('broken-link');
    assert.equal((await vouch('outreach', 'set', id, '--status', 'qualified', '--follow-up', '2026-04-01', '--tag', 'dead-link', '--quiet')).code, 0);
    assert.equal((await vouch('outreach', 'note', id, 'Editor', 'is', 'Ana', '--quiet')).code, 0);
    const template = path.join(tmp.dir, 'pitch.html');
    writeFileSync(template, 'Subject: Your page on {{site}}\n\n<p>Dear {{site}}, {{dead_url}} is gone: try <a href="{{your_url}}">{{your_url}}</a>. {{greeting}}</p>\n');
    const draft = await vouch('outreach', 'draft', id, '--template', template, '--your-url', 'https://www.acme-shop.test/guides/care?a=1&b=2', '--field', 'greeting=<Cheers>', '--json');
    assert.equal(draft.code, 0, draft.stderr);
    const d = JSON.parse(draft.stdout) as { to: string; html: string };
    assert.equal(d.to, 'ads@tinkertools-digest.test', 'the first address found on the site; never guessed');
    assert.match(d.html, /href="https:\/\/www\.acme-shop\.test\/guides\/care\?a=1&amp;b=2"/);
    assert.match(d.html, /&lt;Cheers&gt;/);
    const exported = await vouch('outreach', 'export', '--tag', 'dead-link');
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /qualified/);
    assert.match(exported.stdout, /Editor is Ana/);
    assert.match(exported.stdout, /2026-04-01/);
    assert.equal(smtp.received.length, 0, 'nothing is sent without --send');
  });

  it('sends with --send through SMTP, honouring the opt-out list', async () => {
    const [first, second] = saved.filter((r) => r.kind === 'link-gap').map((r) => String(r.prospectId));
    const sent = await vouch('outreach', 'draft', first!, '--send', '--smtp', smtp.url, '--from', 'sam@acme-shop.test', '--sender', 'Sam', '--to', 'editor@example.org', '--json');
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]!.to, ['editor@example.org']);
    assert.equal((await vouch('outreach', 'optout', 'example.org', '--quiet')).code, 0);
    const refused = await vouch('outreach', 'draft', second!, '--send', '--smtp', smtp.url, '--from', 'sam@acme-shop.test', '--sender', 'Sam', '--to', 'someone@example.org');
    assert.equal(refused.code, 1);
    assert.equal(smtp.received.length, 1, 'an opted-out address is never mailed');
    const store = await openStore({ dataDir: tmp.dir });
    try {
      assert.deepEqual((await outreachLog(store)).map((s) => [s.to, String(s.prospectId)]), [['editor@example.org', first]]);
      assert.equal((await getProspect(store, Number(first))).status, 'contacted');
    } finally {
      await store.close();
    }
  });
});
