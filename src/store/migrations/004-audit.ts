import type { Migration } from './migration.js';

/**
 * Link audit (`vouch audit`, `vouch disavow`) and page footprints.
 *
 * - pages: footprints the extractor reads off each page (text, word count, tracking ids, template
 *   hash, mailto addresses), for the audit's PBN, thin-content and paid-wording markers and for
 *   prospecting. NULL where the source could not tell.
 * - audit_results: one row per (target, referring domain) of the last audit: toxicity 0–100, the
 *   markers that fired with their evidence (JSON), and the links' own scores (JSON).
 * - audit_overrides: the user's per-target whitelist and blacklist of domains. User state: the audit
 *   reads it and never writes it, so overrides survive every re-run.
 */
export const migration004Audit: Migration = {
  version: 4,
  name: 'audit',
  statements: [
    `ALTER TABLE pages ADD COLUMN IF NOT EXISTS text VARCHAR`,
    `ALTER TABLE pages ADD COLUMN IF NOT EXISTS word_count INTEGER`,
    `ALTER TABLE pages ADD COLUMN IF NOT EXISTS tracking_ids VARCHAR[]`,
    `ALTER TABLE pages ADD COLUMN IF NOT EXISTS template_hash VARCHAR`,
    `ALTER TABLE pages ADD COLUMN IF NOT EXISTS mailtos VARCHAR[]`,
    `CREATE TABLE IF NOT EXISTS audit_results (
       target_id INTEGER NOT NULL,
       domain VARCHAR NOT NULL,
       toxicity DOUBLE NOT NULL,
       computed_toxicity DOUBLE NOT NULL,
       override VARCHAR,
       links INTEGER NOT NULL,
       followed_links INTEGER NOT NULL,
       markers JSON NOT NULL,
       link_scores JSON NOT NULL,
       computed_at TIMESTAMP NOT NULL,
       PRIMARY KEY (target_id, domain)
     )`,
    `CREATE TABLE IF NOT EXISTS audit_overrides (
       target_id INTEGER NOT NULL,
       domain VARCHAR NOT NULL,
       list VARCHAR NOT NULL,
       comment VARCHAR,
       created_at TIMESTAMP NOT NULL,
       PRIMARY KEY (target_id, domain)
     )`,
  ],
};
