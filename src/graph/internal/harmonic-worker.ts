/** Worker thread for `harmonicCentrality`: runs its share of BFS batches and posts its sums back. */
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateHarmonic } from './harmonic-kernel.js';

/** What the main thread sends: the out-CSR in shared memory, and which batches to take. */
export interface HarmonicWorkerData {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
  firstBatch: number;
  batchStride: number;
}

/** Messages back: progress, then the sums. */
export type HarmonicWorkerMessage = { kind: 'progress'; sources: number } | { kind: 'done'; harmonic: Float64Array };

const input = workerData as HarmonicWorkerData;
const harmonic = new Float64Array(input.nodeCount);
let pending = 0;
accumulateHarmonic({
  ...input,
  harmonic,
  onBatch(sources) {
    pending += sources;
    // Post at most ~100 progress messages per worker: the main thread only redraws a bar.
    if (pending * 100 >= input.nodeCount) {
      parentPort!.postMessage({ kind: 'progress', sources: pending } satisfies HarmonicWorkerMessage);
      pending = 0;
    }
  },
});
if (pending > 0) parentPort!.postMessage({ kind: 'progress', sources: pending } satisfies HarmonicWorkerMessage);
parentPort!.postMessage({ kind: 'done', harmonic } satisfies HarmonicWorkerMessage, [harmonic.buffer]);
