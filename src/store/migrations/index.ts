import { migration001Initial } from './001-initial.js';
import { migration002Indexes } from './002-indexes.js';
import { migration003Reports } from './003-reports.js';
import { migration004Audit } from './004-audit.js';
import { migration005Monitor } from './005-monitor.js';
import { migration006Prospect } from './006-prospect.js';
import { migration007LinkRollup } from './007-link-rollup.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in order. Append new ones; the store refuses files newer than the last. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002Indexes, migration003Reports, migration004Audit, migration005Monitor, migration006Prospect, migration007LinkRollup];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
