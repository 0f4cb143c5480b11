import type { VendorSpec } from '../vendor-spec.js';

/**
 * Moz Link Explorer → Inbound Links → Export CSV (UTF-8, comma): "Source URL" (older exports: "URL"),
 * "Title", "Target URL", "Anchor Text", "Link Type" (`follow`, `nofollow`, and `redirect` for
 * 301/302 hops), "Spam Score", "Domain Authority", "Page Authority", "First Seen", "Last Seen"
 * (older exports: "Date First Seen", "Date Last Seen", "Date Lost"). docs/imports/moz.md has the details.
 */
export const MOZ_INBOUND_LINKS: VendorSpec = {
  vendor: 'moz',
  name: 'Moz Link Explorer inbound links export',
  columns: {
    source: ['source url', 'url'],
    target: ['target url'],
    anchor: ['anchor text', 'anchor'],
    type: ['link type'],
    firstSeen: ['first seen', 'date first seen'],
    lastSeen: ['last seen', 'date last seen'],
    lost: ['date lost', 'lost'],
  },
  required: ['source', 'target'],
  signature: ['spam score', 'domain authority', 'page authority', 'link type'],
};
