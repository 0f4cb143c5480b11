import type { DiscoveredUrl } from '../../frontier/types.js';
import { compileUrlPattern } from '../compile-url-pattern.js';
import type { ResolvedCrawlOptions } from '../crawl-options.js';
import { createScopeFilter } from '../create-scope-filter.js';
import type { ScopeFilter } from '../create-scope-filter.js';

/**
 * Decides which discovered URLs join the job's frontier: not already held, within max-depth,
 * in scope, matching --include (when given) and no --exclude, and while fewer than max-pages are
 * held. `known` is the in-memory twin of the job's frontier keys (one string per URL held).
 *
 * Where a seed redirects (http → https, example.com → www.example.com), its target stands for the
 * seed: the scope widens to it, so that `vouch crawl http://example.com/` crawls the site it
 * lands on. Those widened seeds are kept with the job's progress, so a resumed run knows them.
 */
export class Admission {
  readonly known: Set<string>;
  /** Frontier rows held by the job (known.size, kept apart so a cap can be checked cheaply). */
  admitted: number;
  #scope: ScopeFilter;
  readonly #scopeKind: ResolvedCrawlOptions['scope'];
  /** The seeds the scope is built from: the user's, then seed redirect targets. */
  readonly #scopeSeeds = new Map<string, string>();
  readonly #widened: string[] = [];
  readonly #include: ((url: string) => boolean)[];
  readonly #exclude: ((url: string) => boolean)[];
  readonly #maxDepth: number | null;
  readonly #maxPages: number | null;

  constructor(known: Set<string>, seeds: readonly { url: string; host: string }[], options: ResolvedCrawlOptions) {
    this.known = known;
    this.admitted = known.size;
    this.#scopeKind = options.scope;
    for (const s of seeds) this.#scopeSeeds.set(s.url, s.host);
    this.#scope = createScopeFilter(options.scope, seeds);
    this.#include = options.include.map((p) => compileUrlPattern(p, '--include'));
    this.#exclude = options.exclude.map((p) => compileUrlPattern(p, '--exclude'));
    this.#maxDepth = options.maxDepth;
    this.#maxPages = options.maxPages;
  }

  /** True when max-pages URLs are held: nothing more will be admitted. */
  get full(): boolean {
    return this.#maxPages !== null && this.admitted >= this.#maxPages;
  }

  /** Admit a followed URL; true when it was new and allowed (then it is appended to `into`). */
  admit(url: string, host: string, depth: number, into: DiscoveredUrl[]): boolean {
    if (this.known.has(url) || this.full) return false;
    if (this.#maxDepth !== null && depth > this.#maxDepth) return false;
    if (!this.#scope(url, host)) return false;
    if (this.#include.length > 0 && !this.#include.some((test) => test(url))) return false;
    for (const test of this.#exclude) if (test(url)) return false;
    return this.#add(url, host, depth, into);
  }

  /** Admit a seed (or a seed's redirect target): scope and patterns do not apply to it. */
  admitSeed(url: string, host: string, into: DiscoveredUrl[], depth = 0): boolean {
    if (this.known.has(url) || this.full) return false;
    return this.#add(url, host, depth, into);
  }

  /** True for a seed, or a URL a seed redirected to. */
  isScopeSeed(url: string): boolean {
    return this.#scopeSeeds.has(url);
  }

  /** Let a seed's redirect target stand for it in the scope. */
  widen(url: string, host: string): void {
    if (this.#scopeSeeds.has(url)) return;
    this.#scopeSeeds.set(url, host);
    this.#widened.push(url);
    this.#scope = createScopeFilter(this.#scopeKind, [...this.#scopeSeeds].map(([u, h]) => ({ url: u, host: h })));
  }

  /** The seeds added by widen(), in order (saved with the job's progress). */
  get widened(): readonly string[] {
    return this.#widened;
  }

  #add(url: string, host: string, depth: number, into: DiscoveredUrl[]): boolean {
    this.known.add(url);
    this.admitted++;
    into.push({ url, host, depth });
    return true;
  }
}
