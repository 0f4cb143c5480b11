import type { VendorSpec } from '../vendor-spec.js';

/**
 * Google Search Console → Links → "Latest links" (or "More sample links") → Export: "Linking page",
 * "Last crawled". The export names no target page, so every row links to `--target` (the property),
 * and it has no anchor, rel flags or first-seen date: the anchor stays empty, the flags false, and
 * first seen is the last-crawled date.
 */
export const GSC_LATEST_LINKS: VendorSpec = {
  vendor: 'gsc',
  name: 'Search Console "Latest links" export',
  columns: {
    source: ['linking page'],
    lastSeen: ['last crawled', 'last crawl'],
  },
  required: ['source'],
  signature: ['linking page', 'last crawled'],
  targetFromOption: true,
};

/**
 * Google Search Console → Links → "Top linking sites" → Export: "Site", "Linking pages",
 * "Target pages". Site level only: each site becomes one link from its root page `http://site/` to
 * `--target`, so referring domains count, but the linking pages, anchors and dates are not in the
 * export. Import "Latest links" as well for page-level links.
 */
export const GSC_TOP_LINKING_SITES: VendorSpec = {
  vendor: 'gsc',
  name: 'Search Console "Top linking sites" export',
  columns: { site: ['site', 'linking site'] },
  required: ['site'],
  signature: ['linking pages', 'target pages'],
  targetFromOption: true,
};
