/**
 * Trust seed files for `--trust FILE`: one host or domain a line (a URL is reduced to its host),
 * `#` comments and blank lines skipped, matched to graph nodes case-insensitively.
 */
import { forEachLine } from './internal/for-each-line.js';
import { edgeFileError } from './internal/edge-file-error.js';

/**
 * The seed names listed in `filePath`, lowercased, in file order.
 * @example await readTrustFile('seeds.txt') // ['www.ox.ac.uk', 'gov.uk']
 */
export async function readTrustFile(filePath: string): Promise<string[]> {
  const names: string[] = [];
  await forEachLine(filePath, (raw, lineNumber) => {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) return;
    let name = line.toLowerCase();
    if (name.includes('://')) {
      try {
        name = new URL(name).hostname;
      } catch {
        throw edgeFileError(filePath, lineNumber, `"${line}" is not a valid URL`);
      }
    }
    if (/\s/.test(name) || name.length === 0) throw edgeFileError(filePath, lineNumber, `"${line}" is not a host or domain name`);
    names.push(name);
  });
  return names;
}

/** Seed ids for the names found in the graph, and the names that were not. */
export interface MatchedSeeds {
  readonly seeds: Int32Array;
  readonly unmatched: readonly string[];
}

/**
 * Match seed names against node names (case-insensitive); repeats count once.
 * @example matchSeeds(['www.ox.ac.uk', 'a.test'], ['www.ox.ac.uk']) // { seeds: [0], unmatched: [] }
 */
export function matchSeeds(nodeNames: readonly string[], seedNames: readonly string[]): MatchedSeeds {
  const wanted = new Set(seedNames.map((s) => s.toLowerCase()));
  const found = new Set<string>();
  const seeds: number[] = [];
  for (let i = 0; i < nodeNames.length; i++) {
    const key = nodeNames[i].toLowerCase();
    if (wanted.has(key) && !found.has(key)) {
      found.add(key);
      seeds.push(i);
    }
  }
  return { seeds: Int32Array.from(seeds), unmatched: [...wanted].filter((s) => !found.has(s)) };
}
