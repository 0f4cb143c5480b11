/**
 * Referring domains: for each node v, the number of distinct domains D(u) over its in-neighbours u,
 * not counting v's own domain (links from within a domain do not vouch for it).
 *
 *   RD(v) = | { D(u) : u → v } \ { D(v) } |
 *
 * For the domain graph this is its in-degree; for hosts and pages it tells many links from one site
 * apart from links from many sites. O(n + m) time with one stamp array over domain ids.
 */
import { VouchError } from '../core/errors.js';
import type { DirectedGraph } from './csr.js';

/**
 * Referring-domain count of every node, given the dense domain id of every node.
 * @example referringDomains(hostGraph, domainIdOfHost)
 */
export function referringDomains(graph: DirectedGraph, domainOf: Int32Array): Int32Array {
  const n = graph.nodeCount;
  if (domainOf.length !== n) throw new VouchError('INVALID_INPUT', 'domainOf must have one domain id per node');
  let domainCount = 0;
  for (let v = 0; v < n; v++) {
    if (domainOf[v] < 0) throw new VouchError('INVALID_INPUT', `node ${v} has no domain id`);
    if (domainOf[v] >= domainCount) domainCount = domainOf[v] + 1;
  }
  const { offsets, targets: sources } = graph.in;
  const stamp = new Int32Array(domainCount).fill(-1);
  const counts = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    stamp[domainOf[v]] = v;
    let count = 0;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const dom = domainOf[sources[e]];
      if (stamp[dom] !== v) {
        stamp[dom] = v;
        count++;
      }
    }
    counts[v] = count;
  }
  return counts;
}
