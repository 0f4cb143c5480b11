/**
 * Seeded pseudo-random numbers for the demo web: mulberry32 (Tommy Ettinger, public domain),
 * a 32-bit state generator that is fast, tiny and good enough for test data.
 *
 * Every site and every day-2 change draws from its own stream, `rngFor(seed, label)`, so that
 * adding a site or a feature does not reshuffle everything generated after it.
 * NOTE: nothing in the demo web may use Math.random or the clock.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new array, shuffled (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct items (or all of them when there are fewer), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
}

/** A generator seeded with a 32-bit integer. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    shuffle,
    sample: <T>(items: readonly T[], k: number): T[] => shuffle(items).slice(0, Math.max(0, k)),
  };
}

/** 32-bit FNV-1a of a label, mixed with the seed: independent streams per label. */
export function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** The stream for one labelled part of the web (a site, a day-2 change). */
export function rngFor(seed: number, label: string): Rng {
  return createRng(hashSeed(seed, label));
}
