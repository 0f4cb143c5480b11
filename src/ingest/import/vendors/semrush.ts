import type { VendorSpec } from '../vendor-spec.js';

/**
 * Semrush Backlink Analytics → Backlinks → Export (CSV, UTF-8, comma): "Page ascore", "Source title",
 * "Source url", "Target url", "Anchor", "External links", "Internal links", "Nofollow", "Sponsored",
 * "Ugc", "Text", "Frame", "Form", "Image", "Sitewide", "First seen", "Last seen", "New link",
 * "Lost link". Flags are `true`/`false`. docs/imports/semrush.md has the details.
 */
export const SEMRUSH_BACKLINKS: VendorSpec = {
  vendor: 'semrush',
  name: 'Semrush backlinks export',
  columns: {
    source: ['source url'],
    target: ['target url'],
    anchor: ['anchor', 'anchor text'],
    nofollow: ['nofollow'],
    ugc: ['ugc'],
    sponsored: ['sponsored'],
    image: ['image'],
    firstSeen: ['first seen'],
    lastSeen: ['last seen'],
    lost: ['lost link', 'lost'],
  },
  required: ['source', 'target'],
  signature: ['page ascore', 'source title', 'lost link', 'new link', 'sitewide', 'internal links'],
};
