import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { storeContract } from './store-contract.js';

storeContract('DuckDB', async () => {
  const tmp = makeTempDir('vouch-contract-');
  const store = await openStore({ dataDir: tmp.dir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      tmp.cleanup();
    },
  };
});
