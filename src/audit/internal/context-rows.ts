/**
 * The rows the audit context is built from, as each store adapter's SQL returns them
 * (duckdb-context-rows.ts, clickhouse-context-rows.ts): the same shapes on both, so that one mapping
 * (audit-context.ts) turns them into the context.
 */
import type { AuditLink } from '../types.js';

/** A live link to the target from another domain. */
export interface LinkRow {
  id: number;
  src_url: string;
  dst_url: string;
  src_host: string;
  src_domain: string;
  kind: AuditLink['kind'];
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  meta_nofollow: boolean;
  hidden: boolean;
  position: AuditLink['position'];
  first_seen: Date;
  http_status: number | null;
}

/** A page linking to the target, with its links to other sites and any paid wording. */
export interface PageRow {
  url: string;
  word_count: number | null;
  lang: string | null;
  ext_links: number;
  ext_domains: number;
  paid: string | null;
}

/** A referring domain's metrics and footprints. */
export interface DomainRow {
  domain: string;
  pagerank: number | null;
  trust: number | null;
  spam_mass: number | null;
  authority: number | null;
  pages: number;
  html_pages: number;
  ips: string[] | null;
  tracking: string[] | null;
  template: string | null;
  lang: string | null;
  hosts: string[] | null;
}

export interface ContextRows {
  /** Ordered by source domain, then link id. */
  links: LinkRow[];
  pages: PageRow[];
  domains: DomainRow[];
  /** Followed links between two referring domains. */
  interlinks: { s: string; d: string }[];
  /** Each referring domain's count of other domains it gives a followed link to. */
  followedOut: { domain: string; n: number }[];
  /** Each referring domain's main template, crawl-wide: domains that have it, and their IPs. */
  spread: { template: string; domains: number; ips: string[] | null }[];
  /** Domains with a PageRank. */
  rankedDomains: number;
  /** The target domain's most common page language. */
  targetLang: string | null;
}

export interface ContextQuery {
  /** "The link points at the target" over `links l`, with its parameters. */
  scope: { sql: string; params: Record<string, string> };
  targetDomain: string;
  /** The paid-wording pattern (RE2 syntax on both adapters). */
  paidPattern: string;
}
