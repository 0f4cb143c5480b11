/**
 * Read a link graph from an edge-list file (gzip or plain, streamed) into named edge arrays.
 *
 * Formats:
 * - `tsv`: `src<TAB>dst[<TAB>weight]`, one edge a line, with or without a header line (a first line
 *   whose fields are words like `source`/`target`, `src`/`dst` or `from`/`to`). `#` comments and blank
 *   lines are skipped. Without a weight column every edge weighs 1.
 * - `ukwa`: the UK Web Archive host linkage, `year|srcHost|dstHost<TAB>linkCount`; the count is the weight.
 * - `commoncrawl`: the Common Crawl web-graph pair, vertices `id<TAB>reversed.host.name[<TAB>…]` and
 *   edges `fromId<TAB>toId`; names are turned back (`com.example.www` → `www.example.com`).
 * - `parquet`: a folder of hive-partitioned Parquet links (`vouch worker ingest --out DIR`), reduced
 *   to its host graph in DuckDB (read-parquet-edges.ts).
 *
 * Self-loops are dropped, so the nodes are the endpoints of the edges that remain. Duplicate edges are
 * kept here and merged by `buildGraph` (their weights add up). A malformed line throws a
 * ValidationError naming the file and the line.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../core/errors.js';
import { EdgeListBuilder } from './edge-list-builder.js';
import type { NamedEdgeList } from './edge-list-builder.js';
import { edgeFileError } from './internal/edge-file-error.js';
import { forEachLine } from './internal/for-each-line.js';
import { parseTsvEdge, parseUkwaEdge } from './internal/parse-edge-line.js';
import { readCommonCrawlGraph } from './internal/read-commoncrawl-graph.js';
import { readParquetEdges } from './read-parquet-edges.js';

export type EdgeFileFormat = 'tsv' | 'ukwa' | 'commoncrawl' | 'parquet';
export const EDGE_FILE_FORMATS: readonly EdgeFileFormat[] = ['tsv', 'ukwa', 'commoncrawl', 'parquet'];

export interface ReadEdgeFileOptions {
  format?: EdgeFileFormat;
  /** Keep edge weights (link counts) for the weighted variants. */
  weighted?: boolean;
  /**
   * For `commoncrawl`: the vertices file. Default: the edges file's name with `edges` replaced by
   * `vertices`, with or without `.gz`.
   */
  verticesPath?: string | null;
}

export const READ_EDGE_FILE_DEFAULTS = { format: 'tsv', weighted: false, verticesPath: null } satisfies Required<ReadEdgeFileOptions>;

/**
 * Read `filePath` as an edge list.
 * @example const { edges, names } = await readEdgeFile('../shared/testdata/graphs/ukwa-1996-hostlinks.tsv.gz', { format: 'ukwa' });
 */
export async function readEdgeFile(filePath: string, options: ReadEdgeFileOptions = {}): Promise<NamedEdgeList> {
  const { format, weighted, verticesPath } = { ...READ_EDGE_FILE_DEFAULTS, ...options };
  if (!EDGE_FILE_FORMATS.includes(format)) {
    throw new ValidationError(`unknown edge-file format "${String(format)}"; expected ${EDGE_FILE_FORMATS.join(', ')}`, [{ where: '--format', message: 'unknown format' }]);
  }
  if (!existsSync(filePath)) throw edgeFileError(filePath, 0, 'no such file');
  if (format === 'parquet') return readParquetEdges(filePath, { weighted });
  if (format === 'commoncrawl') return readCommonCrawlGraph(verticesPath ?? guessVerticesPath(filePath), filePath, weighted);
  const builder = new EdgeListBuilder({ weighted });
  const parse = format === 'ukwa' ? parseUkwaEdge : parseTsvEdge;
  let firstContent = true;
  await forEachLine(filePath, (line, lineNumber) => {
    if (line.length === 0 || line.startsWith('#')) return;
    const edge = parse(line, firstContent);
    firstContent = false;
    if (typeof edge === 'string') throw edgeFileError(filePath, lineNumber, edge);
    if (edge !== null) builder.addEdge(edge.src, edge.dst, edge.weight);
  });
  return builder.finish();
}

function guessVerticesPath(edgesPath: string): string {
  const base = path.basename(edgesPath);
  const at = base.lastIndexOf('edges');
  if (at === -1) {
    throw new ValidationError('commoncrawl format needs the vertices file (--vertices FILE)', [{ where: '--vertices', message: 'missing' }]);
  }
  const guess = path.join(path.dirname(edgesPath), base.slice(0, at) + 'vertices' + base.slice(at + 'edges'.length));
  const candidates = [guess, guess.endsWith('.gz') ? guess.slice(0, -3) : `${guess}.gz`];
  return candidates.find((candidate) => existsSync(candidate)) ?? guess;
}
