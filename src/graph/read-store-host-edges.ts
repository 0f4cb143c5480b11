/**
 * The host graph of any store, through the port's `streamHostEdges` (DuckDB, or ClickHouse where the
 * links live on a cluster): the store aggregates followed, live links to host pairs, and the pairs
 * stream into the edge arrays one at a time, so memory holds the arrays and the names, not the rows.
 */
import type { Store } from '../store/index.js';
import { EdgeListBuilder } from './edge-list-builder.js';
import type { NamedEdgeList } from './edge-list-builder.js';

/**
 * Read the host edges of `store`; `weighted` keeps each pair's link count.
 * @example const { edges, names } = await readStoreHostEdges(await openConfiguredStore({ store: 'clickhouse://ch:8123/vouch' }));
 */
export async function readStoreHostEdges(store: Store, options: { weighted?: boolean } = {}): Promise<NamedEdgeList> {
  const builder = new EdgeListBuilder({ weighted: options.weighted ?? false, initialCapacity: 1 << 16 });
  for await (const e of store.streamHostEdges()) builder.addEdge(e.src, e.dst, e.links);
  return builder.finish();
}
