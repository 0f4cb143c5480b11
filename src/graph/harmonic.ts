/**
 * Harmonic centrality (Marchiori & Latora 2000; Boldi & Vigna, "Axioms for Centrality", 2014):
 *
 *   H(x) = Σ_{y ≠ x} 1 / d(y, x)
 *
 * where d(y, x) is the length of a shortest directed path from y to x (incoming paths), and 1/∞ = 0,
 * so unreachable pairs add nothing. Not normalised. Matches python-igraph
 * `harmonic_centrality(mode="in", normalized=False)`.
 *
 * Exact: one breadth-first search from every node, 32 at a time with bitset multi-source BFS
 * (internal/harmonic-kernel.ts), the batches split across worker threads sharing the CSR. O(n·m / 32)
 * time in the worst case, far less in practice; memory 20·n bytes per thread. UKWA 1996 (56k hosts,
 * 174k edges) takes about 2–3 s. For graphs too big for
 * that, use `hyperBall`, which estimates the same quantity in O(m · diameter) time.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { VouchError } from '../core/errors.js';
import type { DirectedGraph } from './csr.js';
import { accumulateHarmonic } from './internal/harmonic-kernel.js';
import type { HarmonicWorkerData, HarmonicWorkerMessage } from './internal/harmonic-worker.js';
import { spawnWorker } from './internal/spawn-worker.js';

export interface HarmonicOptions {
  /** Worker threads; 1 runs in the calling thread. */
  threads?: number;
  /** Graphs with n·m below this run in the calling thread: starting workers costs more than it saves. */
  inlineMaxWork?: number;
  /** Called as sources finish, with (done, total). */
  onProgress?: ((done: number, total: number) => void) | null;
}

export const HARMONIC_DEFAULTS = {
  threads: availableParallelism(),
  inlineMaxWork: 50_000_000,
  onProgress: null,
} satisfies Required<HarmonicOptions>;

/**
 * Exact harmonic centrality of every node.
 * @example const h = await harmonicCentrality(graph, { threads: 2 });
 */
export async function harmonicCentrality(graph: DirectedGraph, options: HarmonicOptions = {}): Promise<Float64Array> {
  const { threads, inlineMaxWork, onProgress } = { ...HARMONIC_DEFAULTS, ...options };
  if (!(Number.isInteger(threads) && threads >= 1)) throw new VouchError('INVALID_INPUT', `threads must be a positive integer, got ${threads}`);
  const n = graph.nodeCount;
  const harmonic = new Float64Array(n);
  if (threads === 1 || n * graph.edgeCount < inlineMaxWork) {
    let done = 0;
    accumulateHarmonic({
      nodeCount: n,
      offsets: graph.out.offsets,
      targets: graph.out.targets,
      firstBatch: 0,
      batchStride: 1,
      harmonic,
      onBatch: (sources) => onProgress?.((done += sources), n),
    });
    return harmonic;
  }
  const shared = { nodeCount: n, offsets: toShared(graph.out.offsets), targets: toShared(graph.out.targets) };
  const workers: Worker[] = [];
  let done = 0;
  try {
    const partials = await Promise.all(
      Array.from({ length: threads }, (_, index) => {
        const data: HarmonicWorkerData = { ...shared, firstBatch: index, batchStride: threads };
        const worker = spawnWorker(import.meta.url, 'internal/harmonic-worker', data);
        workers.push(worker);
        return new Promise<Float64Array>((resolve, reject) => {
          worker.on('message', (message: HarmonicWorkerMessage) => {
            if (message.kind === 'progress') onProgress?.((done += message.sources), n);
            else resolve(message.harmonic);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => reject(new VouchError('INTERNAL', `harmonic worker exited with code ${code} before finishing`)));
        });
      }),
    );
    // NOTE: summing in worker order keeps the result identical from run to run.
    for (const partial of partials) for (let v = 0; v < n; v++) harmonic[v] += partial[v];
    return harmonic;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function toShared(array: Int32Array): Int32Array {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const shared = new Int32Array(new SharedArrayBuffer(array.length * Int32Array.BYTES_PER_ELEMENT));
  shared.set(array);
  return shared;
}
