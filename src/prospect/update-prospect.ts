import { ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { getProspect } from './get-prospect.js';
import type { ProspectRecord } from './internal/prospect-row.js';
import { insertProspectNote, setProspectColumns, type ProspectValues } from './internal/prospect-writes.js';
import { assertTransition } from './prospect-status.js';

export interface ProspectChange {
  /** Move to this status (see PROSPECT_TRANSITIONS). */
  status?: string;
  /** YYYY-MM-DD, or null to clear. */
  followUp?: string | null;
  /** Replace the tags. */
  tags?: string[];
  addTags?: string[];
  removeTags?: string[];
  /** Append a note. */
  note?: string;
  /** When the change happens (default: now). */
  at?: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string): void {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new ValidationError(`Invalid parameter followUp: "${value}" is not a date (YYYY-MM-DD)`, [{ where: 'followUp', message: 'a date, YYYY-MM-DD' }]);
  }
}

function cleanTags(tags: readonly string[]): string[] {
  const out = tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  for (const t of out) if (t.length > 50 || /[,\s]/.test(t)) throw new ValidationError(`Invalid parameter tags: "${t}" must be one word of at most 50 characters`, [{ where: 'tags', message: 'one word of at most 50 characters' }]);
  return [...new Set(out)];
}

/**
 * Change a prospect: its status (only along PROSPECT_TRANSITIONS), follow-up date, tags, and add
 * a note, in one transaction.
 * @throws NotFoundError for an unknown id; ValidationError for a move the pipeline does not allow, a bad date, tag or empty note.
 */
export async function updateProspect(store: Store, id: number, change: ProspectChange): Promise<ProspectRecord> {
  const at = change.at ?? new Date();
  const current = await getProspect(store, id);
  if (change.status !== undefined && change.status !== current.status) assertTransition(current.status, change.status);
  if (change.followUp !== undefined && change.followUp !== null) checkDay(change.followUp);
  if (change.note !== undefined && change.note.trim().length === 0) throw new ValidationError('Invalid parameter note: expected some text', [{ where: 'note', message: 'expected some text' }]);
  if (change.note !== undefined && change.note.length > 10_000) throw new ValidationError('Invalid parameter note: expected at most 10000 characters', [{ where: 'note', message: 'at most 10000 characters' }]);
  let tags = change.tags === undefined ? current.tags : cleanTags(change.tags);
  if (change.addTags) tags = [...new Set([...tags, ...cleanTags(change.addTags)])];
  if (change.removeTags) {
    const drop = new Set(cleanTags(change.removeTags));
    tags = tags.filter((t) => !drop.has(t));
  }
  const values: ProspectValues = {};
  if (change.status !== undefined && change.status !== current.status) Object.assign(values, { status: change.status, status_changed_at: at });
  if (change.followUp !== undefined) values.follow_up = change.followUp;
  if (change.tags !== undefined || change.addTags !== undefined || change.removeTags !== undefined) values.tags = tags;
  await store.transaction(async () => {
    if (change.note !== undefined) await insertProspectNote(store, id, at, change.note.trim());
    // A note alone still marks the prospect updated.
    if (Object.keys(values).length > 0 || change.note !== undefined) await setProspectColumns(store, id, values, at);
  });
  return getProspect(store, id);
}
