/** The networkx / igraph reference values written by scripts/graph/reference.py. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const GRAPHS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'testdata', 'graphs');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'graph');
export const UKWA_PATH = path.join(GRAPHS_DIR, 'ukwa-1996-hostlinks.tsv.gz');
export const POLBLOGS_PATH = path.join(GRAPHS_DIR, 'polblogs-edges.tsv');

export interface ReferenceRow {
  pagerank: number;
  weightedPagerank: number;
  trustrank: number;
  harmonic: number;
}

export function loadReference(name: 'ukwa-1996' | 'polblogs'): Map<string, ReferenceRow> {
  const text = gunzipSync(readFileSync(path.join(FIXTURES_DIR, `${name}-reference.tsv.gz`))).toString('utf8');
  const rows = new Map<string, ReferenceRow>();
  for (const line of text.split('\n').slice(1)) {
    if (line.length === 0) continue;
    const [node, pr, wpr, tr, hc] = line.split('\t') as [string, string, string, string, string];
    rows.set(node, { pagerank: Number(pr), weightedPagerank: Number(wpr), trustrank: Number(tr), harmonic: Number(hc) });
  }
  return rows;
}

/** The seed names of a fixture seed file. */
export function seedNames(file: 'ukwa-trust-seeds.txt' | 'polblogs-trust-seeds.txt'): string[] {
  return readFileSync(path.join(FIXTURES_DIR, file), 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.startsWith('#'));
}
