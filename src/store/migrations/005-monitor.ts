import type { Migration } from './migration.js';

/**
 * Monitoring (`vouch verify`, `vouch monitor`, `vouch alerts`).
 *
 * - monitor_pages: per source page, the consecutive failed checks (after retries) and the last
 *   answer, so that a page is reported lost for a crawl error only after several runs in a row fail.
 * - verify_queue: the source pages one verify job still has to check; a row turns `done` in the
 *   same transaction as that page's link events, so a killed job resumes without duplicating any.
 * - locks: one row per running monitor (pid, host, token); a row whose pid is dead is stale.
 * - monitor_schedules: `vouch monitor --every` (a cron expression and the run's options), run by
 *   `vouch serve`.
 * - alert_rules, alert_channels, alert_deliveries: user state. A rule remembers the last link event
 *   it looked at (last_event_id), so each event is judged once. An alert (the `alerts` table of 001)
 *   is delivered once per channel of its target; each delivery keeps its own status and attempts.
 */
export const migration005Monitor: Migration = {
  version: 5,
  name: 'monitor',
  statements: [
    `CREATE SEQUENCE IF NOT EXISTS alert_rules_id_seq START 1`,
    `CREATE SEQUENCE IF NOT EXISTS alert_channels_id_seq START 1`,
    `CREATE TABLE IF NOT EXISTS monitor_pages (
       url VARCHAR PRIMARY KEY,
       failures INTEGER NOT NULL DEFAULT 0,
       last_error VARCHAR,
       last_status INTEGER,
       last_checked_at TIMESTAMP NOT NULL,
       last_ok_at TIMESTAMP
     )`,
    `CREATE TABLE IF NOT EXISTS verify_queue (
       job_id BIGINT NOT NULL,
       url VARCHAR NOT NULL,
       host VARCHAR NOT NULL,
       state VARCHAR NOT NULL DEFAULT 'queued',
       outcome VARCHAR,
       PRIMARY KEY (job_id, url)
     )`,
    `CREATE TABLE IF NOT EXISTS locks (
       name VARCHAR PRIMARY KEY,
       pid INTEGER NOT NULL,
       hostname VARCHAR NOT NULL,
       token VARCHAR NOT NULL,
       started_at TIMESTAMP NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS monitor_schedules (
       target_id INTEGER PRIMARY KEY,
       cron VARCHAR NOT NULL,
       options JSON NOT NULL,
       created_at TIMESTAMP NOT NULL,
       updated_at TIMESTAMP NOT NULL,
       last_run_at TIMESTAMP,
       last_state VARCHAR,
       last_error VARCHAR
     )`,
    `CREATE TABLE IF NOT EXISTS alert_rules (
       id BIGINT PRIMARY KEY DEFAULT nextval('alert_rules_id_seq'),
       target_id INTEGER NOT NULL,
       kind VARCHAR NOT NULL,
       threshold DOUBLE NOT NULL,
       params JSON NOT NULL,
       enabled BOOLEAN NOT NULL DEFAULT true,
       last_event_id BIGINT NOT NULL DEFAULT 0,
       created_at TIMESTAMP NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS alert_channels (
       id BIGINT PRIMARY KEY DEFAULT nextval('alert_channels_id_seq'),
       target_id INTEGER NOT NULL,
       kind VARCHAR NOT NULL,
       url VARCHAR NOT NULL,
       recipient VARCHAR,
       sender VARCHAR,
       secret VARCHAR,
       slack BOOLEAN NOT NULL DEFAULT false,
       digest BOOLEAN NOT NULL DEFAULT false,
       created_at TIMESTAMP NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS alert_deliveries (
       alert_id BIGINT NOT NULL,
       channel_id BIGINT NOT NULL,
       status VARCHAR NOT NULL DEFAULT 'pending',
       attempts INTEGER NOT NULL DEFAULT 0,
       last_error VARCHAR,
       delivered_at TIMESTAMP,
       PRIMARY KEY (alert_id, channel_id)
     )`,
    `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS rule_id BIGINT`,
    `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS kind VARCHAR`,
    `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS dedupe_key VARCHAR`,
    `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS message VARCHAR`,
    `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS job_id BIGINT`,
    `ALTER TABLE alerts ADD COLUMN IF NOT EXISTS last_error VARCHAR`,
  ],
};
