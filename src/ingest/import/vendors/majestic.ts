import type { VendorSpec } from '../vendor-spec.js';

/**
 * Majestic Site Explorer → Backlinks → Download (CSV, UTF-8, comma): "Target URL", "Source URL",
 * "Anchor Text", "Source Crawl Date", "Source First Found Date", "Flag No Follow", "Flag Image Link"
 * (or "Flag Image"), "Flag Redirect", "Flag Frame", "Flag Old Crawl", "Flag Alt Text", "Flag Mention",
 * "Source Citation Flow", "Source Trust Flow", "Target Citation Flow", "Target Trust Flow",
 * "First Indexed Date", "Last Seen Date", "Date Lost", "Reason Lost". docs/imports/majestic.md has
 * the details.
 */
export const MAJESTIC_BACKLINKS: VendorSpec = {
  vendor: 'majestic',
  name: 'Majestic backlinks download',
  columns: {
    source: ['source url'],
    target: ['target url'],
    anchor: ['anchor text', 'anchor'],
    nofollow: ['flag no follow', 'flagnofollow', 'flag nofollow'],
    image: ['flag image link', 'flag image', 'flagimages'],
    redirect: ['flag redirect', 'flagredirect'],
    firstSeen: ['first indexed date', 'first indexed', 'source first found date', 'firstindexeddate'],
    lastSeen: ['last seen date', 'source crawl date', 'lastseendate'],
    lost: ['date lost', 'datelost'],
    lostReason: ['reason lost', 'reasonlost'],
  },
  required: ['source', 'target'],
  signature: [
    'flag no follow', 'flag image link', 'flag image', 'flag redirect', 'flag frame', 'first indexed date', 'source trust flow',
    'source citation flow', 'date lost', 'flagnofollow', 'firstindexeddate',
  ],
};
