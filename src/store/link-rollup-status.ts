import type { Store } from './store.js';

/** Whether the link rollup may answer a report, and when it was built. */
export interface LinkRollupStatus {
  /** Built at the current links epoch: no link was written since. */
  current: boolean;
  /**
   * Current, and its copies of the source domains' authority and toxicity too: no domain metric was
   * written since (the domains epoch, link-epoch.ts).
   */
  metricsCurrent: boolean;
  /** When `vouch optimize` last built it; null when never. */
  builtAt: Date | null;
}

/**
 * One single-row read: the rollup is current iff its stamp equals the links epoch (link-epoch.ts),
 * and its domain metrics iff their stamp equals the domains epoch as well.
 * Always not current on ClickHouse, which has no rollup.
 */
export async function linkRollupStatus(store: Store): Promise<LinkRollupStatus> {
  if (store.dialect !== 'duckdb') return { current: false, metricsCurrent: false, builtAt: null };
  const row = await store.one<{ current: boolean | null; metrics: boolean | null; built_at: Date | null }>(
    `SELECT rollup_epoch IS NOT NULL AND rollup_epoch = epoch AS current,
       rollup_domains_epoch IS NOT NULL AND rollup_domains_epoch = domains_epoch AS metrics,
       rollup_built_at AS built_at FROM link_rollup_state`,
  );
  const current = row?.current === true;
  return { current, metricsCurrent: current && row?.metrics === true, builtAt: row?.built_at ?? null };
}
