import { NotFoundError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import type { ProspectRecord } from './internal/prospect-row.js';
import { listProspects } from './list-prospects.js';

/**
 * One prospect with its notes.
 * @throws NotFoundError (NOT_FOUND) when there is no prospect with this id.
 */
export async function getProspect(store: Store, id: number): Promise<ProspectRecord> {
  const [found] = await listProspects(store, { id });
  if (found === undefined) throw new NotFoundError(`No prospect with id ${id}. List them with: vouch outreach list`);
  return found;
}
