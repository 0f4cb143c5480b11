import type { Migration } from './migration.js';

/**
 * API tokens for `vouch serve`. Only the SHA-256 of a token is stored; the token itself is shown once
 * by `vouch token create`. `scope` is `read` (reports) or `write` (reports and target changes).
 */
export const migration003Reports: Migration = {
  version: 3,
  name: 'reports',
  statements: [
    `CREATE SEQUENCE IF NOT EXISTS api_tokens_id_seq START 1`,
    `CREATE TABLE IF NOT EXISTS api_tokens (
       id INTEGER PRIMARY KEY DEFAULT nextval('api_tokens_id_seq'),
       name VARCHAR NOT NULL,
       token_hash VARCHAR NOT NULL UNIQUE,
       token_prefix VARCHAR NOT NULL,
       scope VARCHAR NOT NULL DEFAULT 'read',
       created_at TIMESTAMP NOT NULL,
       last_used_at TIMESTAMP,
       revoked_at TIMESTAMP
     )`,
  ],
};
