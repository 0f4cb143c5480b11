import type { LinkKind, LinkPosition } from '../core/types.js';

/**
 * One link as the page states it: every LinkRecord field that the page itself can tell.
 * The caller adds srcUrl/srcHost/srcDomain (see ExtractedPage.url), dates and source.
 */
export interface ExtractedLink {
  /** Canonical destination URL (canonicalizeUrl), resolved against `<base href>` where one came first. */
  dstUrl: string;
  dstHost: string;
  dstDomain: string;
  kind: LinkKind;
  /** Whitespace-collapsed, trimmed, at most 500 characters; the alt text for `img`; '' for head/HTTP links. */
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  /** The page's meta robots or X-Robots-Tag says nofollow (applies to every link on the page). */
  metaNofollow: boolean;
  position: LinkPosition;
  /** About 100 characters: up to 50 characters of text before, the anchor, up to 50 after. */
  context: string;
  /** An inline style or `hidden` attribute on the link or an ancestor hides it. */
  hidden: boolean;
}

/** What the page says about itself. */
export interface ExtractedPage {
  /** Canonical URL of the page (options.url). */
  url: string;
  host: string;
  domain: string;
  /** Resolved `<base href>`, when the page had a usable one. */
  baseUrl: string | null;
  /** First `<title>`, whitespace-collapsed, at most 1,000 characters. */
  title: string | null;
  /** `<html lang>`, trimmed. */
  lang: string | null;
  /** Canonical URL from `<link rel=canonical>`, else from the HTTP `Link` header. */
  canonical: string | null;
  noindex: boolean;
  nofollow: boolean;
  /** Contents of the meta robots tags that apply to us, joined with ', '. */
  metaRobots: string | null;
  /** Raw X-Robots-Tag header value(s), joined with ', '. */
  xRobots: string | null;
  /** Encoding the bytes were decoded with (WHATWG name); null when a string was given. */
  charset: string | null;
  /** Where the charset came from. */
  charsetSource: CharsetSource;
  /** Visible body text (no head, script, style, noscript, template), whitespace-collapsed, at most 20,000 characters. */
  text: string;
  /** Words of the visible body text, all of it (past the 20,000-character cut too). */
  wordCount: number;
  /** Analytics, tag and ad ids in scripts and attributes, normalised (`UA-1234-1`, `G-ABC123`, `GTM-XYZ`, `ca-pub-123456`), sorted. */
  trackingIds: string[];
  /** 16 hex digits: hash of the page's tag/class skeleton, ignoring text (see internal/footprint-collector.ts). */
  templateHash: string;
  /** Addresses of `mailto:` hrefs, lower-cased, deduped, at most 20. */
  mailtos: string[];
}

export type CharsetSource = 'bom' | 'content-type' | 'meta' | 'default' | 'string';

/** hrefs that were not links to http(s) resources, counted by why. */
export interface SkippedCounts {
  javascript: number;
  mailto: number;
  tel: number;
  data: number;
  /** Fragment-only (`#top`) or empty hrefs: the page itself. */
  fragment: number;
  /** The URL parser rejected it. */
  invalid: number;
  /** Any other scheme (ftp:, file:, about:, custom app schemes). */
  other: number;
}

export interface ExtractResult {
  links: ExtractedLink[];
  page: ExtractedPage;
  skipped: SkippedCounts;
  /** Body bytes seen (for string input, its length in UTF-16 code units). */
  bytes: number;
}

export interface ExtractOptions {
  /** URL the page was fetched from (after redirects); links resolve against it. */
  url: string;
  /** The Content-Type header; overrides headers['content-type'] when given. */
  contentType?: string | null;
  /** Response headers (any case); `content-type`, `link` and `x-robots-tag` are read. */
  headers?: Record<string, string | string[] | undefined>;
  /** Robots user agents whose meta/X-Robots-Tag directives we obey besides the generic ones. */
  robotsAgents?: readonly string[];
}

export const EXTRACT_DEFAULTS = {
  contentType: null,
  headers: {},
  robotsAgents: ['vouch', 'googlebot'],
} satisfies Required<Omit<ExtractOptions, 'url'>>;
