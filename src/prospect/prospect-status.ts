import { ValidationError } from '../core/errors.js';

/** Where a prospect stands in the outreach pipeline. */
export const PROSPECT_STATUSES = ['new', 'qualified', 'contacted', 'replied', 'won', 'declined', 'lost'] as const;
export type ProspectStatus = (typeof PROSPECT_STATUSES)[number];

/**
 * The allowed moves. The pipeline runs new → qualified → contacted → replied → won; a prospect
 * can be declined (they said no, or you dropped it) or lost (gone quiet, or the site vanished) from
 * any open step. A declined or lost prospect can be reopened as qualified. A won prospect becomes
 * lost when its link goes away. Moving to won straight from an open step is allowed because a link
 * can appear before anyone replies (see updateWonProspects).
 *
 * | from      | to                                   |
 * |-----------|--------------------------------------|
 * | new       | qualified, contacted, won, declined, lost |
 * | qualified | contacted, won, declined, lost       |
 * | contacted | replied, won, declined, lost         |
 * | replied   | won, declined, lost                  |
 * | won       | lost                                 |
 * | declined  | qualified                            |
 * | lost      | qualified                            |
 */
export const PROSPECT_TRANSITIONS: Readonly<Record<ProspectStatus, readonly ProspectStatus[]>> = {
  new: ['qualified', 'contacted', 'won', 'declined', 'lost'],
  qualified: ['contacted', 'won', 'declined', 'lost'],
  contacted: ['replied', 'won', 'declined', 'lost'],
  replied: ['won', 'declined', 'lost'],
  won: ['lost'],
  declined: ['qualified'],
  lost: ['qualified'],
};

/** Statuses from which a new link moves a prospect to won by itself. */
export const OPEN_STATUSES: readonly ProspectStatus[] = ['new', 'qualified', 'contacted', 'replied'];

export function isProspectStatus(value: string): value is ProspectStatus {
  return (PROSPECT_STATUSES as readonly string[]).includes(value);
}

/**
 * Check a move. Staying put is not a move.
 * @throws ValidationError (INVALID_INPUT) naming the allowed moves when `to` is not one of them.
 */
export function assertTransition(from: string, to: string): asserts to is ProspectStatus {
  if (!isProspectStatus(to)) throw new ValidationError(`Invalid parameter status: "${to}" is not a status; use one of ${PROSPECT_STATUSES.join(', ')}`, [{ where: 'status', message: `one of ${PROSPECT_STATUSES.join(', ')}` }]);
  const allowed = isProspectStatus(from) ? PROSPECT_TRANSITIONS[from] : [];
  if (!allowed.includes(to)) {
    const hint = allowed.length > 0 ? `from ${from} it can move to ${allowed.join(', ')}` : `${from} is not a known status`;
    throw new ValidationError(`Invalid status change: a prospect cannot move from ${from} to ${to}; ${hint}`, [{ where: 'status', message: `${from} → ${to} is not allowed; ${hint}` }]);
  }
}
