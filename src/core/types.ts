/**
 * The normalised records that every source (crawl, WARC/WAT, vendor CSV, web graph) yields
 * and every analysis reads. Field names are camelCase here and snake_case in the store.
 */

/** How a link was expressed. `a` and `img` come from markup; the rest from HTTP or head elements. */
export type LinkKind = 'a' | 'img' | 'redirect' | 'canonical' | 'link-header' | 'meta-refresh';
export const LINK_KINDS: readonly LinkKind[] = ['a', 'img', 'redirect', 'canonical', 'link-header', 'meta-refresh'];

/** Where on the page the link sits, from its ancestors (and class/id hints). */
export type LinkPosition = 'header' | 'nav' | 'main' | 'aside' | 'footer' | 'body';
export const LINK_POSITIONS: readonly LinkPosition[] = ['header', 'nav', 'main', 'aside', 'footer', 'body'];

/** Vendors whose CSV exports `vouch import` understands. */
export type ImportVendor = 'gsc' | 'ahrefs' | 'semrush' | 'majestic' | 'moz';

/** Provenance of a record. */
export type RecordSource = 'crawl' | 'warc' | 'wat' | 'ccgraph' | `import:${ImportVendor}`;

export interface LinkRecord {
  /** Canonical source URL (see canonicalizeUrl). */
  srcUrl: string;
  /** Canonical destination URL. */
  dstUrl: string;
  srcHost: string;
  srcDomain: string;
  dstHost: string;
  dstDomain: string;
  kind: LinkKind;
  /** Whitespace-collapsed anchor text, at most 500 characters; the alt text for `img`. */
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  /** nofollow inherited from meta robots or X-Robots-Tag on the source page. */
  metaNofollow: boolean;
  position: LinkPosition;
  /** About 100 characters of text around the link. */
  context: string;
  /** An inline style on the link or an ancestor hides it (display:none, visibility:hidden, font-size:0). */
  hidden: boolean;
  /** HTTP status of the hop, for `redirect` links; null otherwise. */
  httpStatus: number | null;
  firstSeen: Date;
  lastSeen: Date;
  source: RecordSource;
}

export interface PageRecord {
  url: string;
  host: string;
  domain: string;
  /** The address the page was fetched from, when known. */
  ip: string | null;
  fetchedAt: Date;
  /** HTTP status; 0 when the fetch failed before a status arrived. */
  status: number;
  contentType: string | null;
  bytes: number;
  title: string | null;
  lang: string | null;
  canonical: string | null;
  noindex: boolean;
  nofollow: boolean;
  /** Raw X-Robots-Tag header, when present. */
  xRobots: string | null;
  outlinks: number;
  /** Hex SHA-1 of the decoded body text, for change detection. */
  contentHash: string | null;
  source: RecordSource;
  /** Error code (see VouchErrorCode) when the fetch or parse failed. */
  error: string | null;
  depth: number | null;
  /** Page footprints (see ExtractedPage); absent when the source cannot tell (imports, failed fetches). */
  text?: string;
  wordCount?: number;
  trackingIds?: string[];
  templateHash?: string;
  mailtos?: string[];
}

/** How a target matches URLs. */
export type TargetScope = 'exact' | 'prefix' | 'host' | 'domain';

export interface Target {
  id: number;
  name: string;
  /** The URL, prefix, host or domain, depending on scope. */
  value: string;
  scope: TargetScope;
  /** True for the user's own site, false for a competitor. */
  own: boolean;
  brandTerms: string[];
  createdAt: Date;
}
