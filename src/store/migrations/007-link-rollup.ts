import { LINK_ROLLUP_ANCHORS_DDL, LINK_ROLLUP_DOMAINS_DDL } from '../internal/link-rollup-ddl.js';
import type { Migration } from './migration.js';

/**
 * The link rollup (issue 5): per-domain and per-anchor counts of backlinks that `vouch optimize`
 * builds, and the links epoch that tells whether they are current. `link_rollup_state` holds one
 * row: `epoch` counts the transactions that wrote links, `rollup_epoch` is the epoch the rollup was
 * built at (NULL: never built). The rollup is used only while the two are equal. `domains_epoch`
 * counts the transactions that wrote domain metrics (authority, toxicity), and
 * `rollup_domains_epoch` is the one whose metrics the rollup copied: the copies are used only while
 * those two are equal as well.
 */
export const migration007LinkRollup: Migration = {
  version: 7,
  name: 'link-rollup',
  statements: [
    `CREATE TABLE IF NOT EXISTS link_rollup_state (
       epoch BIGINT NOT NULL,
       rollup_epoch BIGINT,
       rollup_built_at TIMESTAMP,
       domains_epoch BIGINT NOT NULL DEFAULT 0,
       rollup_domains_epoch BIGINT
     )`,
    `INSERT INTO link_rollup_state (epoch) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM link_rollup_state)`,
    LINK_ROLLUP_DOMAINS_DDL,
    LINK_ROLLUP_ANCHORS_DDL,
  ],
};
