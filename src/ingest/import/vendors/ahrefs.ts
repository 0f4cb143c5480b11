import type { VendorSpec } from '../vendor-spec.js';

/**
 * Ahrefs Site Explorer → Backlinks → Export (current layout, UTF-16LE TSV with a BOM by default):
 * "Referring page title", "Referring page URL", "Language", "Platform", "Referring page HTTP code",
 * "Domain rating", "UR", "Domain traffic", "Referring domains", "Linked domains", "External links",
 * "Page traffic", "Keywords", "Target URL", "Left context", "Anchor", "Right context", "Type",
 * "Content", "Nofollow", "UGC", "Sponsored", "Rendered", "Raw", "Lost status", "Drop reason",
 * "Discovered status", "First seen", "Last seen", "Lost".
 * The older layout ("Referring Page URL", "Link URL", "TextPre", "Link Anchor", "TextPost", "Type",
 * "First Seen", "Last Check", "Date Lost") maps too. docs/imports/ahrefs.md has the details.
 */
export const AHREFS_BACKLINKS: VendorSpec = {
  vendor: 'ahrefs',
  name: 'Ahrefs backlinks export',
  columns: {
    source: ['referring page url', 'referring page'],
    target: ['target url', 'link url'],
    anchor: ['anchor', 'link anchor', 'anchor text'],
    leftContext: ['left context', 'textpre'],
    rightContext: ['right context', 'textpost'],
    type: ['type', 'link type'],
    nofollow: ['nofollow'],
    ugc: ['ugc'],
    sponsored: ['sponsored'],
    firstSeen: ['first seen', 'first found'],
    lastSeen: ['last seen', 'last check', 'last checked', 'last visited'],
    lost: ['lost', 'date lost', 'lost date'],
    lostReason: ['drop reason', 'lost status', 'lost reason'],
  },
  required: ['source', 'target'],
  signature: ['referring page url', 'referring page', 'referring page title', 'domain rating', 'textpre'],
};
