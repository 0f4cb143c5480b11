import type { TargetRecord, TargetRef } from '../types.js';

export function targetRef(t: TargetRecord): TargetRef {
  return { id: t.id, name: t.name, value: t.value, scope: t.scope };
}
