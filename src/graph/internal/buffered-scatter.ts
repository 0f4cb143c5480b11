/**
 * The scatter step of a counting sort (`out[cursor[key]++] = value`) with write-combining buffers.
 * A plain scatter over tens of millions of edges writes to a random page each time and pays a TLB
 * and cache miss per edge (measured ~140 ns an edge on 20M). Here each value first goes into a buffer
 * for its key range (2¹⁰ ranges of 1024 slots: 8 MiB, appended to sequentially), and a full buffer is
 * written out at once: its 1024 writes hit one range of the cursors and of `out`, which the drain
 * brings into cache once. Building the 2M-node, 20M-edge benchmark graph went from ~11 s to ~4 s.
 * Buffers drain first in, first out, so values with equal keys keep their order: the sort stays stable.
 */
const RANGE_BITS = 10;
const SLOTS = 1024;
/** Below this many keys, the cursors and output are small enough for a plain scatter. */
const MIN_KEYS = 1 << 16;

export class BufferedScatter {
  readonly #cursor: Int32Array;
  readonly #out: Int32Array;
  readonly #outWeights: Float64Array | null;
  readonly #shift: number;
  readonly #keys: Int32Array;
  readonly #values: Int32Array;
  readonly #weights: Float64Array | null;
  readonly #fill: Int32Array;
  readonly #direct: boolean;

  /** Scatter into `out` (and `outWeights`) at `cursor[key]++`, for keys 0 … keyCount − 1. */
  constructor(cursor: Int32Array, out: Int32Array, outWeights: Float64Array | null, keyCount: number) {
    this.#cursor = cursor;
    this.#out = out;
    this.#outWeights = outWeights;
    this.#direct = keyCount < MIN_KEYS;
    const keyBits = Math.max(1, Math.ceil(Math.log2(Math.max(2, keyCount))));
    this.#shift = Math.max(0, keyBits - RANGE_BITS);
    const ranges = this.#direct ? 0 : (keyCount - 1) >>> this.#shift;
    this.#keys = new Int32Array((ranges + 1) * SLOTS);
    this.#values = new Int32Array((ranges + 1) * SLOTS);
    this.#weights = outWeights === null ? null : new Float64Array((ranges + 1) * SLOTS);
    this.#fill = new Int32Array(ranges + 1);
  }

  push(key: number, value: number, weight: number): void {
    if (this.#direct) {
      const slot = this.#cursor[key]++;
      this.#out[slot] = value;
      if (this.#outWeights !== null) this.#outWeights[slot] = weight;
      return;
    }
    const range = key >>> this.#shift;
    const i = range * SLOTS + this.#fill[range];
    this.#keys[i] = key;
    this.#values[i] = value;
    if (this.#weights !== null) this.#weights[i] = weight;
    if (++this.#fill[range] === SLOTS) this.#drain(range);
  }

  /** Write out what the buffers still hold; call once after the last push. */
  finish(): void {
    for (let range = 0; range < this.#fill.length; range++) this.#drain(range);
  }

  #drain(range: number): void {
    const start = range * SLOTS;
    const end = start + this.#fill[range];
    const cursor = this.#cursor;
    const out = this.#out;
    for (let i = start; i < end; i++) {
      const slot = cursor[this.#keys[i]]++;
      out[slot] = this.#values[i];
      if (this.#outWeights !== null) this.#outWeights[slot] = this.#weights![i];
    }
    this.#fill[range] = 0;
  }
}
