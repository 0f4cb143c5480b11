import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, ValidationError, VouchError } from '../../src/core/errors.js';
import { addTarget, detectTargetScope, listTargets, removeTarget, resolveSite, resolveTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('detectTargetScope', () => {
  it('detects the scope from the value', () => {
    const cases: Array<[string, string, string]> = [
      ['acme.com', 'domain', 'acme.com'],
      ['ACME.com', 'domain', 'acme.com'],
      ['shop.co.uk', 'domain', 'shop.co.uk'],
      ['www.acme.com', 'host', 'www.acme.com'],
      ['blog.acme.com', 'host', 'blog.acme.com'],
      ['https://www.acme.com/', 'host', 'www.acme.com'],
      ['https://acme.com', 'host', 'acme.com'],
      ['https://acme.com/blog/', 'prefix', 'https://acme.com/blog/'],
      ['acme.com/blog/', 'prefix', 'http://acme.com/blog/'],
      ['https://acme.com/p/widget', 'exact', 'https://acme.com/p/widget'],
      ['https://acme.com/?q=1', 'exact', 'https://acme.com/?q=1'],
    ];
    for (const [value, scope, normalised] of cases) assert.deepEqual(detectTargetScope(value), { scope, value: normalised }, value);
  });

  it('coerces the value to an explicit scope', () => {
    assert.deepEqual(detectTargetScope('https://www.acme.com/p/1', 'domain'), { scope: 'domain', value: 'acme.com' });
    assert.deepEqual(detectTargetScope('https://www.acme.com/p/1', 'host'), { scope: 'host', value: 'www.acme.com' });
    assert.deepEqual(detectTargetScope('www.acme.com', 'prefix'), { scope: 'prefix', value: 'http://www.acme.com/' });
  });

  it('rejects what is not a host or an http(s) URL', () => {
    for (const bad of ['', '   ', 'ftp://acme.com/', 'mailto:x@acme.com', 'http://', 'not a host']) {
      assert.throws(() => detectTargetScope(bad), (err: unknown) => err instanceof ValidationError && err.issues[0]?.where === 'value', bad);
    }
  });
});

describe('targets', () => {
  const tmp = makeTempDir();
  let store: DuckDbStore;
  before(async () => {
    store = await openStore({ dataDir: tmp.dir });
  });
  after(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('adds, lists, resolves and removes targets', async () => {
    const mine = await addTarget(store, { value: 'https://Acme.com/', brand: 'Acme,Acme Shop', keywords: ['Cheap Widgets'] });
    assert.deepEqual({ name: mine.name, scope: mine.scope, value: mine.value, own: mine.own }, { name: 'acme.com', scope: 'host', value: 'acme.com', own: true });
    assert.deepEqual(mine.brandTerms, ['acme', 'acme shop']);
    assert.deepEqual(mine.keywords, ['cheap widgets']);
    const rival = await addTarget(store, { value: 'rival.com', name: 'rival', competitor: true, scope: 'domain' });
    assert.equal(rival.own, false);
    assert.deepEqual((await listTargets(store)).map((t) => t.name), ['acme.com', 'rival']);
    assert.deepEqual((await listTargets(store, { kind: 'competitor' })).map((t) => t.name), ['rival']);
    assert.equal((await resolveTarget(store, 'rival')).id, rival.id);
    assert.equal((await resolveTarget(store, String(rival.id))).name, 'rival');
    assert.equal((await resolveTarget(store, 'https://RIVAL.com')).name, 'rival', 'by normalised value');
    assert.equal((await resolveSite(store, 'other.org')).id, null);
    await assert.rejects(resolveSite(store, 'not a site'), NotFoundError);
    assert.equal((await removeTarget(store, { target: 'rival' })).id, rival.id);
    await assert.rejects(resolveTarget(store, 'rival'), NotFoundError);
    await assert.rejects(removeTarget(store, { target: 'rival' }), NotFoundError);
  });

  it('refuses a taken name, a numeric name and bad input', async () => {
    await addTarget(store, { value: 'taken.com', name: 'taken' });
    await assert.rejects(addTarget(store, { value: 'other.com', name: 'taken' }), (err: unknown) => err instanceof VouchError && err.code === 'CONFLICT');
    await assert.rejects(addTarget(store, { value: 'other.com', name: '42' }), (err: unknown) => err instanceof ValidationError && err.issues[0]?.where === 'name');
    await assert.rejects(addTarget(store, { value: 'other.com', scope: 'site' as never }), (err: unknown) => err instanceof ValidationError && err.issues[0]?.where === 'scope');
    await assert.rejects(addTarget(store, { value: 'ftp://x.com/' }), ValidationError);
    await assert.rejects(listTargets(store, { kind: 'mine' as never }), ValidationError);
  });
});
