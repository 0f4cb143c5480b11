import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { createRowMapper, detectVendor } from '../../src/ingest/index.js';

describe('detectVendor', () => {
  it('knows each vendor by its header, whatever the case, spacing or BOM', () => {
    assert.equal(detectVendor(['\uFEFFReferring page title', 'Referring page URL', 'Target URL', 'Anchor']).spec.vendor, 'ahrefs');
    assert.equal(detectVendor(['Page ascore', 'Source title', 'Source url', 'Target url', 'Anchor']).spec.vendor, 'semrush');
    assert.equal(detectVendor(['Target URL', 'Source URL', 'Anchor Text', 'Flag No Follow']).spec.vendor, 'majestic');
    assert.equal(detectVendor(['Source URL', 'Target URL', 'Anchor Text', 'Link Type', 'Spam Score', 'Date Lost']).spec.vendor, 'moz');
    assert.equal(detectVendor(['Linking page', 'Last crawled']).spec.name, 'Search Console "Latest links" export');
    assert.equal(detectVendor(['Site', 'Linking pages', 'Target pages']).spec.name, 'Search Console "Top linking sites" export');
    assert.equal(detectVendor(['  linking   PAGE ', 'LAST CRAWLED:']).spec.vendor, 'gsc');
  });

  it('maps the older Ahrefs layout and the older Moz layout', () => {
    const ahrefs = detectVendor(['Referring Page URL', 'Referring Page Title', 'Link URL', 'TextPre', 'Link Anchor', 'TextPost', 'Type', 'First Seen', 'Last Check', 'Date Lost']);
    assert.equal(ahrefs.spec.vendor, 'ahrefs');
    const map = createRowMapper(ahrefs.spec, ahrefs.headers);
    const row = map(['https://a.test/p', 'A', 'https://b.test/', 'see', 'this', 'page', 'nofollow', '2019-01-02', '2019-03-04', '']);
    assert.deepEqual(
      row.link && [row.link.srcUrl, row.link.dstUrl, row.link.anchor, row.link.context, row.link.nofollow, row.link.firstSeen?.toISOString(), row.link.lastSeen?.toISOString(), row.link.lost],
      ['https://a.test/p', 'https://b.test/', 'this', 'see this page', true, '2019-01-02T00:00:00.000Z', '2019-03-04T00:00:00.000Z', false],
    );
    const moz = detectVendor(['URL', 'Title', 'Anchor Text', 'Spam Score', 'Target URL', 'Link Type', 'Date First Seen', 'Date Last Seen']);
    assert.equal(moz.spec.vendor, 'moz');
    const mozRow = createRowMapper(moz.spec, moz.headers)(['a.test/x', 't', 'hi', '1', 'https://b.test/', 'follow', '01/02/2020', '']);
    assert.equal(mozRow.link?.srcUrl, 'http://a.test/x');
  });

  it('refuses a header that fits no export, or fits two vendors equally', () => {
    assert.throws(() => detectVendor(['url', 'title']), (err: unknown) => err instanceof ValidationError && /--from/.test(err.message));
    // Source/target/anchor and nothing else: Semrush, Majestic and Moz all write those.
    assert.throws(() => detectVendor(['Source URL', 'Target URL', 'Anchor Text']), ValidationError);
    assert.equal(detectVendor(['Source URL', 'Target URL', 'Anchor Text'], { vendor: 'majestic' }).spec.vendor, 'majestic');
    // Search Console tables that name no linking page or site.
    assert.throws(() => detectVendor(['Target page', 'Incoming links', 'Linking sites'], { vendor: 'gsc' }), ValidationError);
    assert.throws(() => detectVendor(['Linking text', 'Linking pages'], { vendor: 'gsc' }), ValidationError);
  });
});
