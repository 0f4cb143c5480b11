import type { Store } from '../../store/index.js';

/**
 * One queue per store: the DuckDB adapter has one connection and transactions that do not nest, so
 * monitoring work that runs concurrently (pages checked in parallel, a scheduled run next to a
 * manual one) takes turns at the store.
 */
export class StoreMutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

const mutexes = new WeakMap<Store, StoreMutex>();

export function storeMutex(store: Store): StoreMutex {
  let m = mutexes.get(store);
  if (m === undefined) mutexes.set(store, (m = new StoreMutex()));
  return m;
}
