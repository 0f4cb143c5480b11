/**
 * The default TrustRank seed set, used when no `--trust FILE` is given: every host or domain under an
 * institutional suffix, the "good core" heuristic of Gyöngyi et al. (2006), who seeded with
 * government and educational sites because link spammers cannot easily register names there.
 *
 * A name qualifies when its last label is `gov`, `edu`, `mil` or `int`, or when its second-to-last
 * label is one of `gov`, `edu`, `ac`, `mil`, `gob`, `gouv`, `govt`, `go` under a two-letter country
 * code (`www.ox.ac.uk`, `data.gov.uk`, `www.unam.edu.mx`). A crawl of a single niche may hold none;
 * then there is no TrustRank or spam mass until seeds are given.
 */

const INSTITUTIONAL_TLDS = new Set(['gov', 'edu', 'mil', 'int']);
const INSTITUTIONAL_SLDS = new Set(['gov', 'edu', 'ac', 'mil', 'gob', 'gouv', 'govt', 'go']);

/** Whether `name` (a host or domain) is under an institutional suffix. */
export function isInstitutionalName(name: string): boolean {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (INSTITUTIONAL_TLDS.has(tld)) return labels.length >= 2;
  const sld = labels[labels.length - 2];
  return labels.length >= 3 && tld.length === 2 && sld !== undefined && INSTITUTIONAL_SLDS.has(sld);
}

/**
 * Ids of the names under an institutional suffix.
 * @example defaultTrustSeeds(['www.ox.ac.uk', 'spam.example']) // Int32Array [0]
 */
export function defaultTrustSeeds(names: readonly string[]): Int32Array {
  const seeds: number[] = [];
  for (let i = 0; i < names.length; i++) if (isInstitutionalName(names[i])) seeds.push(i);
  return Int32Array.from(seeds);
}
