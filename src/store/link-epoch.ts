/**
 * The links epoch: a counter that every write to the links table moves on, in the same transaction
 * as the write. The link rollup (build-link-rollup.ts) records the epoch it was built at, and a
 * report may read the rollup only while the two are equal, so that it never answers from counts a
 * later write has made stale.
 *
 * NOTE: every DuckDB writer of `links` runs BUMP_LINK_EPOCH_SQL inside its write transaction (or, with
 * no transaction, before its write: a reader in between then merely falls back to the live query).
 * Today: the link writer (crawl, import, ingest and monitor upserts), markLinksLost, the monitor's
 * page check, and clusterLinks. A new writer must do the same.
 */
export const BUMP_LINK_EPOCH_SQL = `UPDATE link_rollup_state SET epoch = epoch + 1`;

/**
 * The domains epoch: moved on by every write of the domain metrics the rollup copies (`authority`,
 * `toxicity`), in the same transaction. The rollup's copies are read only while the epoch it was
 * built at (`rollup_domains_epoch`) equals this one; otherwise the reports join `domains` live.
 *
 * NOTE: every DuckDB writer of `domains.authority` or `domains.toxicity` runs BUMP_DOMAINS_EPOCH_SQL
 * in its write transaction. Today: `vouch rank` (rank-store.ts) and the audit (save-audit.ts).
 */
export const BUMP_DOMAINS_EPOCH_SQL = `UPDATE link_rollup_state SET domains_epoch = domains_epoch + 1`;
