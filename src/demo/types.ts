/**
 * Public shapes of the demo web: the generated web (sites and responses) and its ground truth.
 * The truth is plain JSON so tests in any area can read it from a file or from memory.
 */
import type { LinkKind, LinkPosition } from '../core/types.js';

export interface DemoWebOptions {
  /** Seed of the generator; the same seed gives the same bytes. */
  seed?: number;
  /**
   * Number of registrable domains (at least DEMO_MIN_SITES) of the backlink cast; the three niche
   * blogs planted for prospecting come on top. Hosts are a few more (www., subdomains).
   */
  sites?: number;
  /** Approximate number of HTML pages answering 200, over all sites. */
  pages?: number;
  /** 1, or 2 for the later snapshot with links added and removed. */
  day?: 1 | 2;
}

/** What part a site plays in the backlink profile. */
export type DemoRole =
  | 'target'
  | 'competitor'
  | 'hub'
  | 'blog'
  | 'forum'
  | 'paid'
  | 'farm'
  | 'pbn'
  | 'expired';

/** The label an audit should arrive at for the site's domain. */
export type DemoClass = 'legit' | 'spam' | 'pbn';

/** How robots.txt answers on a host. */
export type DemoRobotsMode = 'rules' | 'missing-404' | 'forbidden-403' | 'error-500' | 'redirect';

export interface DemoSite {
  host: string;
  /** Registrable domain (core's registrableDomain of the host). */
  domain: string;
  /** The 127.0.0.x address the host is served on. */
  ip: string;
  role: DemoRole;
  class: DemoClass;
  /** Display name of the site. */
  name: string;
  /** For hubs: which kind. */
  hubType?: 'news' | 'university' | 'government';
  robots: DemoRobotsMode;
  /** Server-side delay added to every response of the host (the slow host). */
  delayMs: number;
  /** Crawl-delay announced in robots.txt, in milliseconds; 0 when none. */
  crawlDelayMs: number;
  /** Analytics id in the page template (shared across the PBN). */
  analyticsId: string | null;
  /** AdSense publisher id in the page template (shared across the PBN). */
  adsenseId: string | null;
  /** Every path answers with this redirect unless a response is defined (expired domain, bare host). */
  redirectAll: { status: 301 | 302; toOrigin: string; keepPath: boolean } | null;
  /** The day the site first exists (2 for sites created between the days). */
  sinceDay: 1 | 2;
}

export interface DemoResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  /** Extra delay before answering (the slow host). */
  delayMs: number;
}

/** A demo web for one day: the sites, every response keyed by canonical URL, and the ground truth. */
export interface DemoWeb {
  options: Required<DemoWebOptions>;
  sites: DemoSite[];
  /** Keyed by `http://host/path?query` (canonical, no port): pages, robots.txt and sitemaps. */
  responses: Map<string, DemoResponse>;
  truth: DemoTruth;
}

// ───────────────────────────── ground truth ─────────────────────────────

export interface DemoTruthSite {
  host: string;
  domain: string;
  ip: string;
  role: DemoRole;
  class: DemoClass;
  name: string;
  hubType?: 'news' | 'university' | 'government';
}

export interface DemoTruthDomain {
  domain: string;
  role: DemoRole;
  class: DemoClass;
  hosts: string[];
}

/** Why a page is not crawlable by a polite crawler seeded with every home page. */
export type DemoUncrawlableReason = 'robots-disallow' | 'robots-5xx' | 'unreachable';

export interface DemoTruthPage {
  url: string;
  host: string;
  status: number;
  /** Fetched by a polite crawler: robots.txt allows it and it is reachable from the seeds. */
  crawlable: boolean;
  reason?: DemoUncrawlableReason;
  /** Breadth-first link depth from the nearest seed, through followable links; null when not reached. */
  depth: number | null;
  /** Meta robots or X-Robots-Tag says noindex. */
  noindex: boolean;
  /** Meta robots or X-Robots-Tag says nofollow. */
  nofollow: boolean;
  /** Canonical Location of a 3xx answer. */
  redirectTo?: string;
  /** Content-Type as served (HTML pages: text/html, with or without charset). */
  contentType: string | null;
  /** Charset the page body is really encoded in, for HTML pages. */
  charset?: 'utf-8' | 'windows-1252';
  /**
   * Features of the page, for tests that look for one: sponsored-post, unmarked-paid, comments,
   * reply-form, hidden-links, link-farm, pbn-post, sitewide-footer, non-utf8, base-href,
   * meta-nofollow, x-robots-nofollow, noindex, meta-refresh, link-header, canonical-variant,
   * redirect-chain, deleted, moved, host-redirect, expired-domain, day2-added, resource-page.
   */
  flags: string[];
}

export interface DemoTruthLink {
  srcUrl: string;
  dstUrl: string;
  srcHost: string;
  srcDomain: string;
  dstHost: string;
  dstDomain: string;
  kind: LinkKind;
  /** Whitespace-collapsed text; the alt text for `img`; '' for redirect, canonical, meta-refresh, link-header. */
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  /** The source page says nofollow in meta robots or X-Robots-Tag (false for redirect hops). */
  metaNofollow: boolean;
  /** Meaningful for `a` and `img`; 'body' for the other kinds. */
  position: LinkPosition;
  hidden: boolean;
  /** HTTP status of the hop for `redirect`; null otherwise. */
  httpStatus: number | null;
  /** The source page is crawlable, so a correct crawl must extract this link. */
  onCrawlablePage: boolean;
  /** Followed for ranking: an `a`/`img` link with no nofollow, ugc, sponsored or meta nofollow. */
  followed: boolean;
}

export interface DemoTruthRobots {
  host: string;
  url: string;
  /** HTTP status of robots.txt (the first hop when it redirects). */
  status: number;
  mode: DemoRobotsMode;
  crawlDelayMs: number;
  sitemaps: string[];
}

export interface DemoTruthSitemap {
  url: string;
  type: 'urlset' | 'index';
  locs: string[];
}

/** Why a day-1 link is gone (or no longer counts) on day 2. */
export type DemoLossReason = 'page-gone' | 'link-removed' | 'now-nofollow' | 'page-redirects' | 'page-noindex' | 'page-blocked';

export interface DemoTruthRemoved {
  /** The link as it was on day 1. */
  link: DemoTruthLink;
  reason: DemoLossReason;
  /** The same link on day 2 when it is still served (now-nofollow, page-noindex). */
  now?: DemoTruthLink;
}

export interface DemoTruthPageChange {
  url: string;
  change: 'added' | 'deleted-404' | 'deleted-410' | 'redirects' | 'noindex' | 'link-removed' | 'now-nofollow' | 'links-added';
}

/** Day 1 → day 2, over links on crawlable pages (onCrawlablePage) of both days. */
export interface DemoTruthDiff {
  added: DemoTruthLink[];
  removed: DemoTruthRemoved[];
  pages: DemoTruthPageChange[];
}

export interface DemoTruth {
  /** Format version of this file. */
  version: 1;
  seed: number;
  day: 1 | 2;
  /** The target's registrable domain. */
  target: string;
  /** The target's main host (where its pages live). */
  targetHost: string;
  /** Competitors' registrable domains. */
  competitors: string[];
  /** Words that name the target's brand (lower case). */
  brandTerms: string[];
  /** Exact-match commercial anchors the spam side uses (lower case). */
  keywords: string[];
  /** Domains a TrustRank may seed with (the hubs). */
  trustSeeds: string[];
  /** Seed URLs: `http://host/` for every host. A crawl from these reaches every crawlable page. */
  seeds: string[];
  sites: DemoTruthSite[];
  domains: DemoTruthDomain[];
  robots: DemoTruthRobots[];
  sitemaps: DemoTruthSitemap[];
  /**
   * Every URL the web answers for on purpose (HTML pages, redirects, deleted pages), robots.txt and
   * sitemaps excepted. Every `.test` destination of a link is one of them.
   */
  pages: DemoTruthPage[];
  /**
   * Every link of every served HTML page (a, img, canonical, meta-refresh, link-header) and every
   * redirect hop, on crawlable pages or not: a correct crawl extracts exactly those with
   * `onCrawlablePage`. No page links to itself, and (kind, srcUrl, dstUrl, anchor) is unique.
   */
  links: DemoTruthLink[];
  /** Only on day 2. */
  diff?: DemoTruthDiff;
  /**
   * Every link-building prospect of the day, by the definitions of prospect-truth.ts (planted ones
   * and any the random web happens to hold). Toxic (spam, PBN) sites are never listed.
   */
  prospects: DemoTruthProspect[];
  /** The contacts planted on the niche blogs' crawlable pages. */
  contacts: DemoTruthContact[];
  /** Address-like strings a contact extractor must not report (an address in a script, image file names). */
  contactDecoys: string[];
}

/** What kind of opportunity a prospect is. */
export type DemoProspectKind = 'link-gap' | 'broken-link' | 'competitor-lost' | 'unlinked-mention' | 'resource-page';

export interface DemoTruthProspect {
  kind: DemoProspectKind;
  /** Registrable domain of the prospect site. */
  domain: string;
  /** The prospect page; null for a link gap, which is a whole domain. */
  url: string | null;
  /** One of the planted prospects (on the niche blogs), rather than one the random web happens to hold. */
  planted: boolean;
  /** broken-link: the dead URL the page links to. */
  deadUrl?: string;
  /** competitor-lost: the competitor URL the page no longer links to. */
  competitorUrl?: string;
}

export interface DemoTruthContact {
  domain: string;
  /** The page it is found on. */
  pageUrl: string;
  type: 'email' | 'social' | 'page';
  /** The address (lower case), the profile URL, or the contact/about page URL. */
  value: string;
  /** How it is written: a mailto link, plain text, an obfuscated address, a profile link, a contact/about page. */
  how: 'mailto' | 'text' | 'obfuscated' | 'profile' | 'page';
}
