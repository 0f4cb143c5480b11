/**
 * `vouch ingest ccgraph`: a Common Crawl host- or domain-level web graph into the store, so that
 * `vouch rank` runs on it.
 *
 * Format (https://commoncrawl.org/web-graphs), each file gzipped or plain:
 * - vertices: `id<TAB>reversed.name` (`com.example.www`), the domain graph adds `<TAB>hostCount`;
 * - edges: `fromId<TAB>toId`, one per linked pair.
 *
 * Each edge becomes one LinkRecord between the two root pages: `http://<host>/` → `http://<host>/`,
 * kind `a`, no anchor, source `ccgraph`, first and last seen the graph's date. That is what the
 * store-backed rank reads (followed `a` links between hosts and domains), with no second edge table
 * to keep in step; the host and domain of each end are set as for any link. Domain-level vertices
 * are already registrable domains, so host and domain are the same.
 *
 * Memory: the vertex names (an array indexed by id, like the ids of a CSR) plus one batch of edges.
 * Resume: the job (`jobs`, kind `ingest-ccgraph`) keeps the number of edge lines written; a rerun
 * reloads the vertices and skips those lines.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import type { ValidationIssue } from '../../core/errors.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import type { LinkRecord } from '../../core/types.js';
import { finishJob, openJob, updateJobProgress } from '../../crawl/index.js';
import type { Store } from '../../store/index.js';
import { readLines } from '../internal/read-lines.js';

export type CcGraphLevel = 'host' | 'domain';

export interface IngestCcGraphOptions {
  level?: CcGraphLevel;
  /** first_seen / last_seen of every edge: the graph's crawl date; null for now. */
  seenAt?: Date | null;
  /** Edges per store write. */
  batchEdges?: number;
  /** Problems kept in the summary (all are counted). */
  maxIssues?: number;
  /** Start from the first edge even if an unfinished job could resume. */
  fresh?: boolean;
  signal?: AbortSignal | null;
  onProgress?: ((progress: { edgeLines: number; edges: number }) => void) | null;
}

export const INGEST_CC_GRAPH_DEFAULTS = {
  level: 'host',
  seenAt: null,
  batchEdges: 50_000,
  maxIssues: 100,
  fresh: false,
  signal: null,
  onProgress: null,
} satisfies Required<IngestCcGraphOptions>;

export interface CcGraphSummary {
  level: CcGraphLevel;
  state: 'done' | 'interrupted';
  vertices: number;
  /** Vertices whose name is not a usable host name (their edges are skipped). */
  badVertices: number;
  /** Edge lines read (in all runs of this job). */
  edgeLines: number;
  /** Edges written as links. */
  edges: number;
  selfLoops: number;
  /** Edges left out because an end's vertex name is not a usable host name. */
  droppedEdges: number;
  /** Lines that are not `from<TAB>to`, or name an id not in the vertices file. */
  badLines: number;
  inserted: number;
  resumedAtLine: number;
  issues: ValidationIssue[];
}

const ID = /^\d+$/;

/**
 * Ingest a Common Crawl web graph (vertices + edges files).
 * @example await ingestCcGraph(store, 'cc-main-2024-host-vertices.txt.gz', 'cc-main-2024-host-edges.txt.gz', { level: 'host' });
 * @throws ValidationError (INVALID_CONFIG) for a missing file.
 */
export async function ingestCcGraph(store: Store, verticesPath: string, edgesPath: string, options: IngestCcGraphOptions = {}): Promise<CcGraphSummary> {
  const o = { ...INGEST_CC_GRAPH_DEFAULTS, ...options };
  const seenAt = o.seenAt ?? new Date();
  const summary: CcGraphSummary = {
    level: o.level, state: 'done', vertices: 0, badVertices: 0, edgeLines: 0, edges: 0, selfLoops: 0, droppedEdges: 0, badLines: 0, inserted: 0, resumedAtLine: 0, issues: [],
  };
  const issue = (where: string, message: string): void => {
    summary.badLines++;
    if (summary.issues.length < o.maxIssues) summary.issues.push({ where, message });
  };

  // Vertex id → canonical host name ('' for names that are not hosts). Sparse ids stay holes.
  const names: string[] = [];
  for await (const { line, lineNumber } of readLines(verticesPath, '--vertices')) {
    if (line.length === 0) continue;
    const tab = line.indexOf('\t');
    const idText = tab === -1 ? '' : line.slice(0, tab);
    if (!ID.test(idText)) {
      issue(`${verticesPath}:${lineNumber}`, 'expected "id<TAB>reversed.host.name"');
      continue;
    }
    const end = line.indexOf('\t', tab + 1);
    const reversed = end === -1 ? line.slice(tab + 1) : line.slice(tab + 1, end);
    const parsed = reversed === '' ? null : tryCanonicalizeUrlWithHost(`http://${reversed.split('.').reverse().join('.')}/`);
    // A usable name is a plain host (no port, path or empty label); case and IDN are canonicalised.
    const valid = parsed !== null && parsed.url === `http://${parsed.host}/` && !parsed.host.split('.').includes('');
    if (!valid) summary.badVertices++;
    names[Number(idText)] = valid ? parsed.host : '';
    summary.vertices++;
  }

  const size = async (file: string): Promise<number> => (await stat(file)).size;
  const jobKey = `ccgraph:${o.level}:${path.resolve(verticesPath)}#${await size(verticesPath)}:${path.resolve(edgesPath)}#${await size(edgesPath)}`;
  const { job, resumed } = await openJob(store, { kind: 'ingest-ccgraph', jobKey, params: { verticesPath, edgesPath, level: o.level }, fresh: o.fresh });
  const done = resumed ? progressOf(job.progress) : null;
  if (done !== null) Object.assign(summary, done);
  summary.resumedAtLine = done?.edgeLines ?? 0;

  const domainOf = (host: string): string => (o.level === 'domain' ? host : registrableDomain(host));
  let batch: LinkRecord[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length > 0) summary.inserted += (await store.writeLinks(batch, { jobId: job.id })).inserted;
    batch = [];
    const { issues: _issues, ...progress } = summary;
    await updateJobProgress(store, job.id, progress);
    o.onProgress?.({ edgeLines: summary.edgeLines, edges: summary.edges });
  };
  try {
    for await (const { line, lineNumber } of readLines(edgesPath, '--edges')) {
      if (lineNumber <= summary.resumedAtLine) continue;
      summary.edgeLines = lineNumber;
      if (line.length === 0) continue;
      const tab = line.indexOf('\t');
      const fromText = tab === -1 ? '' : line.slice(0, tab);
      const toText = tab === -1 ? '' : line.slice(tab + 1);
      if (!ID.test(fromText) || !ID.test(toText)) {
        issue(`${edgesPath}:${lineNumber}`, 'expected "fromId<TAB>toId"');
        continue;
      }
      const from = names[Number(fromText)];
      const to = names[Number(toText)];
      if (from === undefined || to === undefined) {
        issue(`${edgesPath}:${lineNumber}`, `vertex id ${from === undefined ? fromText : toText} is not in ${verticesPath}`);
        continue;
      }
      if (from === '' || to === '') {
        summary.droppedEdges++;
        continue;
      }
      if (from === to) {
        summary.selfLoops++;
        continue;
      }
      batch.push({
        srcUrl: `http://${from}/`, dstUrl: `http://${to}/`, srcHost: from, srcDomain: domainOf(from), dstHost: to, dstDomain: domainOf(to),
        kind: 'a', anchor: '', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'body', context: '', hidden: false,
        httpStatus: null, firstSeen: seenAt, lastSeen: seenAt, source: 'ccgraph',
      });
      summary.edges++;
      if (batch.length >= o.batchEdges) {
        await flush();
        if (o.signal?.aborted === true) {
          summary.state = 'interrupted';
          break;
        }
      }
    }
    await flush();
  } catch (err) {
    await finishJob(store, job.id, 'failed', { error: (err as Error).message });
    throw err;
  }
  const { issues: _issues, ...progress } = summary;
  await finishJob(store, job.id, summary.state, { progress });
  return summary;
}

type StoredGraphProgress = Pick<CcGraphSummary, 'edgeLines' | 'edges' | 'selfLoops' | 'droppedEdges' | 'badLines' | 'inserted'>;

function progressOf(value: unknown): StoredGraphProgress | null {
  const p = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<StoredGraphProgress> | null;
  if (p === null || typeof p !== 'object' || !Number.isInteger(p.edgeLines)) return null;
  return { edgeLines: p.edgeLines!, edges: p.edges ?? 0, selfLoops: p.selfLoops ?? 0, droppedEdges: p.droppedEdges ?? 0, badLines: p.badLines ?? 0, inserted: p.inserted ?? 0 };
}
