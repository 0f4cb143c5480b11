/** What `vouch ingest --queue` puts on the queue: locations from arguments and list files, job ids, crawl names. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { ValidationError } from '../../../src/core/errors.js';
import { crawlNameOf, expandLocations, fileJobId, isLocationList } from '../../../src/ingest/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { WARC_2014, WAT_2014 } from '../fixtures/warc-files.js';

describe('queue locations', () => {
  const temp = makeTempDir('vouch-locations-');
  after(() => temp.cleanup());

  it('expands list files (plain and gzipped), resolves relative lines, drops duplicates, keeps order', async () => {
    const plain = path.join(temp.dir, 'files.txt');
    writeFileSync(plain, `# comment\n${WARC_2014}\n\n  ${WAT_2014}  \nsub/local.warc.gz\n`);
    const cc = path.join(temp.dir, 'warc.paths.gz');
    writeFileSync(cc, gzipSync('crawl-data/CC-MAIN-2024-22/segments/1/warc/a.warc.gz\nhttps://example.org/b.warc.gz\n'));
    const out = await expandLocations([WARC_2014, plain, cc, path.relative(process.cwd(), WAT_2014)], { baseUrl: 'https://data.commoncrawl.org' });
    assert.deepEqual(out, [
      WARC_2014,
      WAT_2014,
      'https://data.commoncrawl.org/sub/local.warc.gz',
      'https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-22/segments/1/warc/a.warc.gz',
      'https://example.org/b.warc.gz',
    ]);
    // Without a base URL, relative lines are relative to the list file's folder.
    const relative = await expandLocations([plain, cc]);
    assert.equal(relative[2], path.join(temp.dir, 'sub/local.warc.gz'));
    assert.equal(relative[3], path.join(temp.dir, 'crawl-data/CC-MAIN-2024-22/segments/1/warc/a.warc.gz'));
  });

  it('a missing file or list named on the command line is INVALID_CONFIG', async () => {
    await assert.rejects(expandLocations([path.join(temp.dir, 'nope.warc.gz')]), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
    await assert.rejects(expandLocations([path.join(temp.dir, 'nope.paths')]), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
  });

  it('job ids are stable per identity (relative and absolute paths agree), hex, and differ between files', () => {
    assert.equal(fileJobId(WARC_2014), fileJobId(path.relative(process.cwd(), WARC_2014)));
    assert.match(fileJobId(WARC_2014), /^[0-9a-f]{20}$/);
    assert.notEqual(fileJobId(WARC_2014), fileJobId(WAT_2014));
    assert.equal(fileJobId('https://x.test/a.warc.gz'), fileJobId('https://x.test/a.warc.gz'));
  });

  it('names the crawl after the Common Crawl id in the path, else "default"; tells list files from archives', () => {
    assert.equal(crawlNameOf('https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-22/segments/x/warc/CC-MAIN-20240522-00000.warc.gz'), 'CC-MAIN-2024-22');
    assert.equal(crawlNameOf(WARC_2014), 'default');
    assert.deepEqual(['a.paths', 'warc.paths.gz', 'x.txt', 'y.list', 'a.warc.gz', 'b.warc', 'https://h/x.txt'].map(isLocationList), [true, true, true, true, false, false, false]);
  });
});
