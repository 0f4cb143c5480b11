import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import type { TargetRef } from '../types.js';
import { detectTargetScope } from './detect-target-scope.js';
import { resolveTarget } from './resolve-target.js';

/**
 * A stored target, or else an ad-hoc site read from the value itself (a domain, host or URL), for
 * reports that make sense on any site (outlinks, intersect competitors).
 * @throws NotFoundError when the reference is neither a target nor a host or URL.
 */
export async function resolveSite(store: Store, ref: string): Promise<TargetRef> {
  try {
    const t = await resolveTarget(store, ref);
    return { id: t.id, name: t.name, value: t.value, scope: t.scope };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    try {
      const { scope, value } = detectTargetScope(ref);
      return { id: null, name: value, value, scope };
    } catch (inner) {
      if (inner instanceof ValidationError) throw err;
      throw inner;
    }
  }
}
