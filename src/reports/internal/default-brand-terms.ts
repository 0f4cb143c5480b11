import { registrableDomain } from '../../core/registrable-domain.js';
import type { TargetRef } from '../types.js';

/**
 * Brand terms for a target that has none stored: its registrable domain without the public
 * suffix (`acme-shop.com` → `acme-shop`, which also matches "Acme Shop" and "AcmeShop").
 */
export function defaultBrandTerms(target: TargetRef): string[] {
  let host = target.value;
  if (target.scope === 'exact' || target.scope === 'prefix') {
    try {
      host = new URL(target.value).hostname;
    } catch {
      return [];
    }
  }
  const domain = registrableDomain(host);
  const label = domain.split('.')[0] ?? '';
  return label.length >= 3 ? [label] : [];
}
