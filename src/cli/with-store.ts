import type { Command } from 'commander';
import { VouchError } from '../core/errors.js';
import type { DuckDbStore, Store } from '../store/index.js';
import { globalsOf } from './globals.js';

/**
 * Open the DuckDB store named by --data / VOUCH_DATA for the length of `fn`, and always close it.
 * Only what needs the DuckDB file itself uses this one (a local crawl's frontier): with `--store`
 * (a ClickHouse store) it refuses, adding `hint` (what to do instead) to the message.
 * @throws VouchError STORE_UNSUPPORTED when --store / VOUCH_STORE names another store.
 */
export async function withStore<T>(command: Command, fn: (store: DuckDbStore) => Promise<T>, hint = ''): Promise<T> {
  const globals = globalsOf(command);
  if (globals.store) {
    throw new VouchError('STORE_UNSUPPORTED', `vouch ${commandPath(command)} needs the DuckDB store; it does not run on --store ${redact(globals.store)}.${hint ? ` ${hint}` : ''}`);
  }
  const { openStore } = await import('../store/index.js');
  const store = await openStore({ dataDir: globals.data });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Open the configured store, DuckDB or ClickHouse (--store / VOUCH_STORE), for commands that run on either. */
export async function withAnyStore<T>(command: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const { data, store: url } = globalsOf(command);
  const { openConfiguredStore } = await import('../store/index.js');
  const store = await openConfiguredStore({ dataDir: data, store: url });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The store URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
