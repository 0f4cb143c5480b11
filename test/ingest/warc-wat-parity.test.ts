/**
 * The real Common Crawl samples: what the WARC gives, what the WAT gives, and how they agree.
 *
 * The 2014 WAT describes the first 8 records of the 2014 WARC (it is a cut of the full WAT), among
 * them two responses: 0.r.msn.com (an empty 200 with no Content-Type: a page, no HTML, no links in
 * either) and 0pointer.de/photos/…photo=496 (HTML). For that page the links our extractor finds in
 * the WARC payload and the links we take from the WAT's list are the same set. The WAT's list holds
 * more entries than links, and each difference is accounted for:
 * - 4 `IMG@/src` entries: embedded images, not links (the extractor does not record `<img src>`;
 *   an image inside a link shows in both as one `img` link, anchored by its alt text);
 * - 1 `FORM@/action`: a form is not a link;
 * - 7 `A@/href` entries with href `#` and 1 with `javascript:`: the extractor skips these too (it
 *   counts them as skipped fragment / javascript);
 * - the WAT keeps `&amp;` and `&lt;` as written; decoded, URLs and anchors match.
 * The 2024 WAT is a cut too: it describes only the request record, so its page has no WAT side.
 * The extractor also gives what the WAT cannot: position, context and hidden-ness (WAT links get
 * `body`, '' and false), so those fields are left out of the comparison.
 */
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { extractLinks } from '../../src/extract/index.js';
import { readArchive } from '../../src/ingest/index.js';
import type { ArchiveEvent, WarcRecord } from '../../src/ingest/index.js';
import { WARC_2014, WARC_2024, WAT_2014, WAT_2024, WET_2014, WET_2024 } from './fixtures/warc-files.js';

async function events(file: string): Promise<ArchiveEvent[]> {
  const all: ArchiveEvent[] = [];
  for await (const batch of readArchive(createReadStream(file) as AsyncIterable<Buffer>)) all.push(...batch);
  return all;
}

const records = (list: ArchiveEvent[]): Array<Extract<ArchiveEvent, { kind: 'record' }>> => list.filter((e) => e.kind === 'record');
const comparable = (l: { kind: string; dstUrl: string; anchor: string; nofollow: boolean; ugc: boolean; sponsored: boolean }): string =>
  JSON.stringify([l.kind, l.dstUrl, l.anchor, l.nofollow, l.ugc, l.sponsored]);

describe('Common Crawl samples: WARC and WAT agree', () => {
  it('every WAT metadata record describes one WARC record (its record id, type and length); the 2014 WAT the first 8 in order', async () => {
    for (const [warcFile, watFile, described] of [[WARC_2014, WAT_2014, 8], [WARC_2024, WAT_2024, 1]] as const) {
      const warc = records(await events(warcFile));
      const wat = records(await events(watFile)).filter((e) => e.record.type === 'metadata');
      assert.equal(wat.length, described, watFile);
      const positions: number[] = [];
      for (const w of wat) {
        const json = JSON.parse(w.record.body!.toString('utf8')) as { Envelope: { 'WARC-Header-Metadata': Record<string, string> } };
        const meta = json.Envelope['WARC-Header-Metadata'];
        const at = warc.findIndex((e) => e.record.headers['warc-record-id'] === w.record.headers['warc-refers-to']);
        assert.ok(at !== -1, `${watFile}: ${w.record.headers['warc-refers-to']}`);
        const original: WarcRecord = warc[at]!.record;
        assert.equal(meta['WARC-Record-ID'], original.headers['warc-record-id']);
        assert.equal(w.describes, original.type);
        assert.equal(Number(meta['Content-Length']), original.contentLength);
        positions.push(at);
      }
      if (watFile === WAT_2014) assert.deepEqual(positions, [0, 1, 2, 3, 4, 5, 6, 7]);
      else assert.deepEqual(positions.map((p) => warc[p]!.record.type), ['request']);
    }
  });

  it('for each page in both, the links from the WARC payload are the links in the WAT list', async () => {
    const warcPages = new Map(records(await events(WARC_2014)).filter((e) => e.outcome.page !== null).map((e) => [e.outcome.page!.url, e.outcome]));
    const watPages = records(await events(WAT_2014)).filter((e) => e.outcome.page !== null);
    assert.deepEqual(watPages.map((e) => e.outcome.page!.url).sort(), [
      'http://0.r.msn.com/?ld=7v7Pf0o6dfvcggjmXvvsEKhzVUCUxwxRmKzEhcbUqMsh2Ubu9FZw1vPvSOUQKjNaf9lLFIpVKW3sQMR6aOgbPhwm9WR843zZRpT1jbKN7YgaGETlBJG5fdKcfifIi9WSQu9hAx6A&u=www.sportsmanias.com%2Frumors',
      'http://0pointer.de/photos/?gallery=Australia&photo=496',
    ]);
    for (const wat of watPages) {
      const warc = warcPages.get(wat.outcome.page!.url)!;
      assert.ok(warc !== undefined);
      assert.deepEqual(wat.outcome.links.map(comparable).sort(), warc.links.map(comparable).sort(), wat.outcome.page!.url);
      assert.equal(wat.outcome.html, warc.html);
      assert.equal(wat.outcome.page!.status, warc.page!.status);
      assert.equal(wat.outcome.page!.title, warc.page!.title);
      assert.equal(wat.outcome.page!.fetchedAt.toISOString(), warc.page!.fetchedAt.toISOString());
      for (const l of wat.outcome.links) assert.deepEqual([l.source, l.firstSeen.toISOString()], ['wat', warc.page!.fetchedAt.toISOString()]);
    }
    const photo = warcPages.get('http://0pointer.de/photos/?gallery=Australia&photo=496')!;
    assert.equal(photo.links.length, 18);
    assert.deepEqual(photo.links.filter((l) => l.kind === 'img').map((l) => [l.dstUrl, l.anchor]), [['http://creativecommons.org/licenses/by-sa/3.0/', 'Creative Commons License']]);
  });

  it("accounts for every entry of the WAT's Links list", async () => {
    const wat = records(await events(WAT_2014)).find((e) => e.outcome.page?.url.includes('photo=496'))!;
    const json = JSON.parse(wat.record.body!.toString('utf8')) as { Envelope: { 'Payload-Metadata': { 'HTTP-Response-Metadata': { 'HTML-Metadata': { Links: Array<{ path: string; url: string }> } } } } };
    const entries = json.Envelope['Payload-Metadata']['HTTP-Response-Metadata']['HTML-Metadata'].Links;
    const byPath = (p: string): number => entries.filter((e) => e.path === p).length;
    assert.deepEqual([entries.length, byPath('A@/href'), byPath('IMG@/src'), byPath('FORM@/action')], [31, 26, 4, 1]);
    // The extractor, on the WARC payload of the same capture:
    const warcRecord = records(await events(WARC_2014)).find((e) => e.outcome.page?.url.includes('photo=496'))!;
    const body = warcRecord.record.body!;
    const html = body.subarray(body.indexOf('\r\n\r\n') + 4);
    const extracted = extractLinks(html, { url: warcRecord.outcome.page!.url, contentType: 'text/html; charset=utf-8' });
    // Every A@/href is a link (a or img) or a skipped fragment / javascript href.
    assert.equal(byPath('A@/href'), extracted.links.length + extracted.skipped.fragment + extracted.skipped.javascript);
    assert.deepEqual([extracted.links.length, extracted.skipped.fragment, extracted.skipped.javascript], [18, 7, 1]);
    assert.deepEqual([wat.outcome.links.length, entries.filter((e) => e.url === '#' || e.url.startsWith('javascript:')).length], [18, 8]);
  });

  it('record counts of each sample, by type', async () => {
    const count = async (file: string): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const e of records(await events(file))) out[e.record.type] = (out[e.record.type] ?? 0) + 1;
      return out;
    };
    assert.deepEqual(await count(WARC_2014), { warcinfo: 1, request: 4, response: 4, metadata: 4 });
    assert.deepEqual(await count(WAT_2014), { warcinfo: 1, metadata: 8 });
    assert.deepEqual(await count(WET_2014), { warcinfo: 1, conversion: 3 });
    assert.deepEqual(await count(WARC_2024), { warcinfo: 1, request: 1, response: 1, metadata: 1 });
    assert.deepEqual(await count(WAT_2024), { warcinfo: 1, metadata: 1 });
    assert.deepEqual(await count(WET_2024), { warcinfo: 1, conversion: 1 });
  });
});
