/**
 * The link rollup's tables (see build-link-rollup.ts), shared by migration 007 and the rebuild, which
 * drops and recreates them so that the old rows' storage goes with the old table.
 * NOTE: only links between two different registrable domains are rolled up: the reports read
 * backlinks, never internal links. `authority` and `toxicity` are the source domain's, copied from
 * `domains` at build time (valid only while the domains epoch has not moved, see link-epoch.ts).
 */
export const LINK_ROLLUP_DOMAINS_DDL = `CREATE TABLE IF NOT EXISTS link_rollup_domains (
  dst_domain VARCHAR NOT NULL,
  src_domain VARCHAR NOT NULL,
  links BIGINT NOT NULL,
  live_links BIGINT NOT NULL,
  followed_links BIGINT NOT NULL,
  live_followed_links BIGINT NOT NULL,
  first_seen TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL,
  lost_at TIMESTAMP,
  authority DOUBLE,
  toxicity DOUBLE
)`;

/** One row per (target domain, lower-cased anchor, image or text, source domain), `a` and `img` links only. */
export const LINK_ROLLUP_ANCHORS_DDL = `CREATE TABLE IF NOT EXISTS link_rollup_anchors (
  dst_domain VARCHAR NOT NULL,
  anchor VARCHAR NOT NULL,
  image BOOLEAN NOT NULL,
  src_domain VARCHAR NOT NULL,
  links BIGINT NOT NULL,
  live_links BIGINT NOT NULL,
  followed_links BIGINT NOT NULL,
  live_followed_links BIGINT NOT NULL
)`;
