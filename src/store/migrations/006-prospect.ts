import type { Migration } from './migration.js';

/**
 * Prospecting and outreach (issue 10). The prospects table of 001 gains the pipeline columns; notes,
 * the sent-mail log and the opt-out list get tables of their own, so nothing is ever overwritten.
 * Prospecting reads pages.text, pages.title and pages.mailtos, which 004 adds.
 */
export const migration006Prospect: Migration = {
  version: 6,
  name: 'prospect',
  statements: [
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS explanation VARCHAR`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS details JSON`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS contacts JSON`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS tags VARCHAR[]`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS follow_up DATE`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS status_changed_at TIMESTAMP`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS link_id BIGINT`,
    `ALTER TABLE prospects ADD COLUMN IF NOT EXISTS won_at TIMESTAMP`,
    `CREATE UNIQUE INDEX IF NOT EXISTS prospects_identity ON prospects (target_id, kind, url)`,
    `CREATE SEQUENCE IF NOT EXISTS prospect_notes_id_seq START 1`,
    `CREATE TABLE IF NOT EXISTS prospect_notes (
       id BIGINT PRIMARY KEY DEFAULT nextval('prospect_notes_id_seq'),
       prospect_id BIGINT NOT NULL,
       created_at TIMESTAMP NOT NULL,
       text VARCHAR NOT NULL
     )`,
    `CREATE SEQUENCE IF NOT EXISTS outreach_log_id_seq START 1`,
    `CREATE TABLE IF NOT EXISTS outreach_log (
       id BIGINT PRIMARY KEY DEFAULT nextval('outreach_log_id_seq'),
       prospect_id BIGINT,
       sent_at TIMESTAMP NOT NULL,
       to_address VARCHAR NOT NULL,
       from_address VARCHAR NOT NULL,
       subject VARCHAR NOT NULL,
       message_id VARCHAR,
       response VARCHAR
     )`,
    `CREATE TABLE IF NOT EXISTS outreach_opt_out (
       value VARCHAR PRIMARY KEY,
       added_at TIMESTAMP NOT NULL,
       reason VARCHAR
     )`,
  ],
};
