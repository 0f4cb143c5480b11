import { after, describe } from 'node:test';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from './chdb-store.js';
import { storeContract } from './store-contract.js';

describe('ClickHouse adapter on chdb', { skip: CHDB_SKIP ?? false }, () => {
  after(() => removeChdbDir());
  storeContract('ClickHouse (chdb)', openChdbStore);
});
