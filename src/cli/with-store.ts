import type { Command } from 'commander';
import type { DuckDbStore } from '../store/index.js';
import { globalsOf } from './globals.js';

/** Open the store named by --data / VOUCH_DATA for the length of `fn`, and always close it. */
export async function withStore<T>(command: Command, fn: (store: DuckDbStore) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/index.js');
  const store = await openStore({ dataDir: globalsOf(command).data });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
