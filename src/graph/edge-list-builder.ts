/**
 * Collects named edges into typed arrays: each name gets a dense integer id the first time it is
 * seen (the only Map in the graph code), and edges go into growable Int32Array buffers. Self-loops
 * are dropped before their names are registered, so the nodes are exactly the endpoints of the edges
 * that remain.
 */
import type { EdgeList } from './build-graph.js';

export interface EdgeListBuilderOptions {
  /** Keep a weight per edge (duplicates add up in `buildGraph`). */
  weighted?: boolean;
  /** Edges to allocate room for up front. */
  initialCapacity?: number;
}

export const EDGE_LIST_BUILDER_DEFAULTS = { weighted: false, initialCapacity: 1024 } satisfies Required<EdgeListBuilderOptions>;

/** The edges, and the name of every node id. */
export interface NamedEdgeList {
  readonly edges: EdgeList;
  readonly names: readonly string[];
}

export class EdgeListBuilder {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [];
  readonly #weighted: boolean;
  #src: Int32Array;
  #dst: Int32Array;
  #weights: Float64Array | null;
  #count = 0;

  constructor(options: EdgeListBuilderOptions = {}) {
    const { weighted, initialCapacity } = { ...EDGE_LIST_BUILDER_DEFAULTS, ...options };
    const capacity = Math.max(16, initialCapacity);
    this.#weighted = weighted;
    this.#src = new Int32Array(capacity);
    this.#dst = new Int32Array(capacity);
    this.#weights = weighted ? new Float64Array(capacity) : null;
  }

  /** Edges added so far (self-loops excluded). */
  get edgeCount(): number {
    return this.#count;
  }

  /** The id of `name`, registering it if new. */
  idOf(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.#names.length;
      this.#ids.set(name, id);
      this.#names.push(name);
    }
    return id;
  }

  /** Add src → dst; a self-loop is ignored. Returns whether the edge was kept. */
  addEdge(src: string, dst: string, weight = 1): boolean {
    if (src === dst) return false;
    this.addIdEdge(this.idOf(src), this.idOf(dst), weight);
    return true;
  }

  /** Add an edge between ids from `idOf`, for callers that cache ids; the caller drops self-loops. */
  addIdEdge(src: number, dst: number, weight = 1): void {
    const i = this.#count;
    if (i === this.#src.length) this.#grow();
    this.#src[i] = src;
    this.#dst[i] = dst;
    if (this.#weights !== null) this.#weights[i] = weight;
    this.#count = i + 1;
  }

  /** The edge list so far; the builder must not be used afterwards. */
  finish(): NamedEdgeList {
    return {
      edges: { nodeCount: this.#names.length, edgeCount: this.#count, src: this.#src, dst: this.#dst, weights: this.#weighted ? this.#weights : null },
      names: this.#names,
    };
  }

  #grow(): void {
    const capacity = this.#src.length * 2;
    const src = new Int32Array(capacity);
    src.set(this.#src);
    const dst = new Int32Array(capacity);
    dst.set(this.#dst);
    this.#src = src;
    this.#dst = dst;
    if (this.#weights !== null) {
      const weights = new Float64Array(capacity);
      weights.set(this.#weights);
      this.#weights = weights;
    }
  }
}
