import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { defaultTrustSeeds, isInstitutionalName } from '../../src/graph/default-trust-seeds.js';
import { matchSeeds, readTrustFile } from '../../src/graph/read-trust-file.js';

describe('trust seeds', () => {
  it('reads names and URLs, skipping comments, and reports a bad line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vouch-trust-'));
    try {
      const file = path.join(dir, 'seeds.txt');
      writeFileSync(file, '# trusted\nWWW.Ox.AC.uk\n\nhttps://www.gov.uk/some/page\n');
      assert.deepEqual(await readTrustFile(file), ['www.ox.ac.uk', 'www.gov.uk']);
      writeFileSync(file, 'ok.example\nnot a host\n');
      await assert.rejects(readTrustFile(file), (err: unknown) => err instanceof ValidationError && err.issues[0]?.where === `${file}:2`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('matches seeds case-insensitively and lists the ones not in the graph', () => {
    const { seeds, unmatched } = matchSeeds(['a.example', 'WWW.OX.AC.UK', 'b.example'], ['www.ox.ac.uk', 'b.example', 'b.example', 'nowhere.test']);
    assert.deepEqual(Array.from(seeds), [1, 2]);
    assert.deepEqual(unmatched, ['nowhere.test']);
  });

  it('defaults to names under institutional suffixes', () => {
    for (const name of ['www.ox.ac.uk', 'nasa.gov', 'www.mit.edu', 'data.gov.uk', 'www.unam.edu.mx', 'army.mil', 'who.int']) assert.equal(isInstitutionalName(name), true, name);
    for (const name of ['gov', 'example.com', 'ac.example.com', 'edu.example.com', 'www.academy.test', 'gov.example']) assert.equal(isInstitutionalName(name), false, name);
    assert.deepEqual(Array.from(defaultTrustSeeds(['spam.test', 'www.cam.ac.uk', 'shop.test'])), [1]);
  });
});
