/**
 * The DuckDB `memory_limit` a crawl runs under.
 *
 * DuckDB's own default is 80% of RAM, and its buffer pool keeps the blocks of every table it read
 * cached up to that limit: a crawl scans links, pages and frontier at each commit, so its memory
 * grew with the store (about 300 MB of DuckDB at 62,000 pages and 1.3 M links, 750 MB RSS in all).
 * The crawl caps it at a working budget (`storeMemoryLimit`) plus what the store's ART indexes
 * need, because DuckDB must hold an index whole while it writes through it: a commit whose indexes
 * do not fit fails ("failed to pin block"), so a fixed cap would make every large crawl fail at
 * some size. The index share is estimated from the rows indexed (links, pages, frontier), about
 * INDEX_BYTES_PER_ROW each (measured on DuckDB 1.5: 50-65 bytes a key for a UHUGEINT link key or
 * a URL), and raised as the crawl commits.
 *
 * The setting is the instance's, so the crawl puts the previous one back when it ends (`vouch
 * serve` shares its store with other work).
 */
import os from 'node:os';
import type { DuckDbStore } from '../../../store/index.js';

/** ART bytes per indexed row, with a margin over the 50-65 bytes measured. */
export const INDEX_BYTES_PER_ROW = 72;
/** The working budget when none is given: a quarter of the machine, at most this. */
export const DEFAULT_STORE_WORKING_BYTES = 96 * 1024 * 1024;
/** Raise the limit in steps of at least this, so that a commit rarely changes it. */
const STEP_BYTES = 16 * 1024 * 1024;

const UNITS: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `256MB`, `1.5GiB`... in bytes (DuckDB's units: KB/MB/GB are powers of 1000), or null when not a size. */
export function parseStoreMemory(value: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|KiB|MiB|GiB)\s*$/i.exec(value);
  if (m === null) return null;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/** The default working budget: a quarter of the machine's memory, at most DEFAULT_STORE_WORKING_BYTES. */
export function defaultStoreWorkingBytes(totalMemoryBytes = os.totalmem()): number {
  return Math.min(DEFAULT_STORE_WORKING_BYTES, Math.floor(totalMemoryBytes / 4));
}

export class StoreMemoryBudget {
  readonly #store: DuckDbStore;
  readonly #workingBytes: number;
  readonly #previous: string;
  #indexedRows: number;
  #limitBytes = 0;

  private constructor(store: DuckDbStore, workingBytes: number, previous: string, indexedRows: number) {
    this.#store = store;
    this.#workingBytes = workingBytes;
    this.#previous = previous;
    this.#indexedRows = indexedRows;
  }

  /**
   * Set the crawl's limit: `workingBytes` plus the share of the indexes the store holds now.
   * @example const budget = await StoreMemoryBudget.open(store, defaultStoreWorkingBytes());
   */
  static async open(store: DuckDbStore, workingBytes: number): Promise<StoreMemoryBudget> {
    const row = await store.one<{ limit: string; rows: number }>(
      `SELECT current_setting('memory_limit') AS "limit",
        ((SELECT count(*) FROM links) + (SELECT count(*) FROM pages) + (SELECT count(*) FROM frontier))::DOUBLE AS rows`,
    );
    const budget = new StoreMemoryBudget(store, workingBytes, row?.limit ?? '', Number(row?.rows ?? 0));
    await budget.#apply();
    return budget;
  }

  /** The limit in force, in bytes. */
  get limitBytes(): number {
    return this.#limitBytes;
  }

  /** Count rows a commit added to the indexed tables (an upper bound is fine), raising the limit when their share outgrows it. */
  async grow(addedRows: number): Promise<void> {
    this.#indexedRows += addedRows;
    if (this.#wantedBytes() > this.#limitBytes) await this.#apply();
  }

  /** Put back the limit the store had before the crawl. */
  async restore(): Promise<void> {
    // NOTE: SET takes no parameters; the value is DuckDB's own rendering of its setting.
    if (/^[\d.]+ ?[KMGT]?i?B$/.test(this.#previous)) await this.#store.run(`SET memory_limit = '${this.#previous}'`);
  }

  #wantedBytes(): number {
    return this.#workingBytes + this.#indexedRows * INDEX_BYTES_PER_ROW;
  }

  async #apply(): Promise<void> {
    const wanted = this.#wantedBytes();
    this.#limitBytes = Math.max(wanted, this.#limitBytes + STEP_BYTES);
    await this.#store.run(`SET memory_limit = '${Math.ceil(this.#limitBytes / 1024)}KiB'`);
  }
}
