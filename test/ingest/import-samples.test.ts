/**
 * Every vendor sample in docs/imports/samples imports into a real store with the fields its columns
 * carry, and the docs' claims about each vendor hold.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { importFile } from '../../src/ingest/index.js';
import type { ImportOptions } from '../../src/ingest/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/imports/samples');
const TARGET = 'https://www.vouch-shop.test/';

interface LinkRow {
  src_url: string;
  dst_url: string;
  src_domain: string;
  dst_host: string;
  kind: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  context: string;
  http_status: number | null;
  first_seen: Date;
  last_seen: Date;
  lost_at: Date | null;
  lost_reason: string | null;
  source: string;
}

const temp = makeTempDir('vouch-import-');
let n = 0;

/** Import one sample into a fresh store and return its links, ordered by source URL and anchor. */
async function importSample(file: string, options: ImportOptions = {}): Promise<{ summary: Awaited<ReturnType<typeof importFile>>; links: LinkRow[]; store: DuckDbStore }> {
  const store = await openStore({ databasePath: path.join(temp.dir, `s${n++}.duckdb`) });
  const summary = await importFile(store, path.join(SAMPLES, file), { now: new Date('2026-12-01T00:00:00Z'), ...options });
  const links = await store.all<LinkRow>(`SELECT * FROM links ORDER BY src_url, anchor`);
  return { summary, links, store };
}

const day = (s: string): string => new Date(s).toISOString();

describe('vendor samples', () => {
  after(() => temp.cleanup());

  it('Ahrefs: UTF-16LE TSV with BOM, 30 columns, context, flags, image links, lost links', async () => {
    const { summary, links, store } = await importSample('ahrefs-backlinks.tsv');
    await store.close();
    assert.equal(summary.vendor, 'ahrefs');
    assert.equal(summary.encoding, 'utf-16le');
    assert.equal(summary.delimiter, '\t');
    assert.deepEqual([summary.rows, summary.imported, summary.failed, summary.lost], [5, 5, 0, 1]);
    assert.equal(links.length, 5);
    const forum = links.find((l) => l.src_url === 'https://forum.beta.test/t/best-trowel/991')!;
    assert.equal(forum.dst_url, 'https://www.vouch-shop.test/trowels');
    assert.equal(forum.anchor, 'this shop');
    assert.deepEqual([forum.nofollow, forum.ugc, forum.sponsored], [false, true, false]);
    // The right context held a line break inside quotes.
    assert.equal(forum.context, 'I got mine at this shop — recommended. Second line of the post.');
    assert.equal(forum.first_seen.toISOString(), day('2026-05-10T12:00:00Z'));
    assert.equal(forum.last_seen.toISOString(), day('2026-11-21T09:30:00Z'));
    assert.equal(forum.source, 'import:ahrefs');
    const sale = links.find((l) => l.src_url.includes('spring-sale'))!;
    assert.deepEqual([sale.nofollow, sale.sponsored, sale.anchor], [true, true, 'Vouch "Spring" Sale']);
    const logo = links.find((l) => l.src_url === 'https://delta.test/partners')!;
    assert.deepEqual([logo.kind, logo.anchor], ['img', 'Vouch Shop logo']);
    const lost = links.find((l) => l.src_url.startsWith('https://epsilon.test/'))!;
    assert.equal(lost.lost_at?.toISOString(), day('2026-10-15T00:00:00Z'));
    assert.equal(lost.lost_reason, '404 not found');
    assert.equal(links.find((l) => l.src_url.startsWith('https://blog.alpha.test/'))!.context, 'We bought our spade from Vouch Shop, which ships fast.');
  });

  it('Semrush: booleans, image links, and "Lost link" marking the link lost at its last-seen date', async () => {
    const { summary, links, store } = await importSample('semrush-backlinks.csv');
    const events = await store.all<{ event: string; n: bigint }>(`SELECT event, count(*) AS n FROM link_events GROUP BY event ORDER BY event`);
    await store.close();
    assert.deepEqual([summary.vendor, summary.rows, summary.imported, summary.failed, summary.lost], ['semrush', 4, 4, 0, 1]);
    const forum = links.find((l) => l.src_url.startsWith('https://forum.beta.test/'))!;
    assert.deepEqual([forum.nofollow, forum.ugc, forum.sponsored], [true, true, false]);
    assert.equal(links.find((l) => l.src_url === 'https://zeta.test/')!.kind, 'img');
    const gone = links.find((l) => l.src_url === 'https://eta.test/links/3')!;
    assert.equal(gone.anchor, 'soil guide, "the best one"');
    assert.equal(gone.lost_at?.toISOString(), day('2026-09-30'));
    assert.equal(gone.lost_reason, 'reported lost by semrush');
    assert.deepEqual(events.map((e) => [e.event, Number(e.n)]), [['lost', 1], ['new', 4]]);
  });

  it('Semrush as a German Excel saves it: BOM, semicolons, decimal commas and dd.mm.yyyy dates', async () => {
    const { summary, links, store } = await importSample('semrush-backlinks-de.csv');
    await store.close();
    assert.deepEqual([summary.vendor, summary.encoding, summary.delimiter, summary.imported, summary.failed], ['semrush', 'utf-8', ';', 2, 0]);
    const forum = links.find((l) => l.src_url.startsWith('https://forum.beta.test/'))!;
    assert.equal(forum.anchor, 'diesem Laden; echt gut');
    assert.equal(forum.first_seen.toISOString(), day('2026-05-11'));
    assert.equal(forum.last_seen.toISOString(), day('2026-11-22'));
  });

  it('Majestic: +/- flags, redirects, first indexed / last seen / date lost', async () => {
    const { summary, links, store } = await importSample('majestic-backlinks.csv');
    await store.close();
    assert.deepEqual([summary.vendor, summary.imported, summary.failed, summary.lost], ['majestic', 4, 0, 1]);
    assert.equal(links.find((l) => l.src_url.startsWith('https://forum.beta.test/'))!.nofollow, true);
    const redirect = links.find((l) => l.src_url === 'http://old-garden.test/')!;
    assert.deepEqual([redirect.kind, redirect.dst_url], ['redirect', TARGET]);
    const lost = links.find((l) => l.src_url.startsWith('https://epsilon.test/'))!;
    assert.equal(lost.first_seen.toISOString(), day('2025-09-02'));
    assert.equal(lost.lost_at?.toISOString(), day('2026-10-14'));
    assert.equal(lost.lost_reason, 'Page not found');
  });

  it('Moz: Link Type follow/nofollow/redirect and month-first dates', async () => {
    const { summary, links, store } = await importSample('moz-inbound-links.csv');
    await store.close();
    assert.deepEqual([summary.vendor, summary.imported, summary.failed], ['moz', 3, 0]);
    const blog = links.find((l) => l.src_url.startsWith('https://blog.alpha.test/'))!;
    assert.deepEqual([blog.nofollow, blog.first_seen.toISOString(), blog.last_seen.toISOString()], [false, day('2026-03-04'), day('2026-11-23')]);
    assert.equal(links.find((l) => l.src_url.startsWith('https://forum.beta.test/'))!.nofollow, true);
    assert.equal(links.find((l) => l.src_url === 'http://old-garden.test/')!.kind, 'redirect');
  });

  it('Search Console "Latest links": the linking page and last-crawled date, pointing at --target', async () => {
    const { summary, links, store } = await importSample('gsc-latest-links.csv', { target: TARGET });
    await store.close();
    assert.deepEqual([summary.vendor, summary.layout, summary.imported, summary.failed], ['gsc', 'Search Console "Latest links" export', 3, 0]);
    assert.ok(links.every((l) => l.dst_url === TARGET && l.anchor === '' && l.kind === 'a' && l.source === 'import:gsc'));
    const theta = links.find((l) => l.src_url === 'https://theta.test/links')!;
    assert.deepEqual([theta.first_seen.toISOString(), theta.last_seen.toISOString()], [day('2026-11-18'), day('2026-11-18')]);
  });

  it('Search Console "Top linking sites": one link from each site root, dated at import', async () => {
    const { summary, links, store } = await importSample('gsc-top-linking-sites.csv', { target: TARGET });
    await store.close();
    assert.equal(summary.layout, 'Search Console "Top linking sites" export');
    assert.deepEqual(links.map((l) => [l.src_url, l.src_domain, l.dst_url]), [
      ['http://alpha.test/', 'alpha.test', TARGET],
      ['http://forum.beta.test/', 'beta.test', TARGET],
      ['http://theta.test/', 'theta.test', TARGET],
    ]);
    assert.ok(links.every((l) => l.first_seen.toISOString() === '2026-12-01T00:00:00.000Z'));
  });
});

describe('importing the same links from several vendors', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await openStore({ databasePath: path.join(temp.dir, 'all.duckdb') });
  });
  after(async () => {
    await store.close();
  });

  it('dedupes against stored links, keeps the earliest first_seen, and a second import changes nothing', async () => {
    const files = ['majestic-backlinks.csv', 'ahrefs-backlinks.tsv', 'semrush-backlinks.csv', 'moz-inbound-links.csv'];
    for (const file of files) await importFile(store, path.join(SAMPLES, file));
    const key = { src: 'https://blog.alpha.test/tools/ten-gardening-tools', dst: TARGET, anchor: 'Vouch Shop' };
    const rows = await store.all<{ first_seen: Date; last_seen: Date; n: bigint }>(
      `SELECT min(first_seen) AS first_seen, max(last_seen) AS last_seen, count(*) AS n FROM links WHERE src_url = $1 AND dst_url = $2 AND anchor = $3`,
      [key.src, key.dst, key.anchor],
    );
    // Majestic saw it first (2026-03-01), Moz last (2026-11-23); one row in all.
    assert.deepEqual([Number(rows[0]!.n), rows[0]!.first_seen.toISOString(), rows[0]!.last_seen.toISOString()], [1, day('2026-03-01'), day('2026-11-23')]);
    const before = await store.all(`SELECT * FROM links ORDER BY id`);
    const eventsBefore = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM link_events`);
    for (const file of files) {
      const again = await importFile(store, path.join(SAMPLES, file));
      assert.equal(again.inserted, 0, file);
      assert.equal(again.lost, 0, file);
    }
    assert.deepEqual(await store.all(`SELECT * FROM links ORDER BY id`), before);
    assert.deepEqual(await store.one(`SELECT count(*) AS n FROM link_events`), eventsBefore);
  });
});
