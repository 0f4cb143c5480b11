import type { VendorSpec } from '../vendor-spec.js';
import { AHREFS_BACKLINKS } from './ahrefs.js';
import { GSC_LATEST_LINKS, GSC_TOP_LINKING_SITES } from './gsc.js';
import { MAJESTIC_BACKLINKS } from './majestic.js';
import { MOZ_INBOUND_LINKS } from './moz.js';
import { SEMRUSH_BACKLINKS } from './semrush.js';

export { AHREFS_BACKLINKS, GSC_LATEST_LINKS, GSC_TOP_LINKING_SITES, MAJESTIC_BACKLINKS, MOZ_INBOUND_LINKS, SEMRUSH_BACKLINKS };

/** Every export layout `vouch import` knows. */
export const VENDOR_SPECS: readonly VendorSpec[] = [
  AHREFS_BACKLINKS,
  SEMRUSH_BACKLINKS,
  MAJESTIC_BACKLINKS,
  MOZ_INBOUND_LINKS,
  GSC_LATEST_LINKS,
  GSC_TOP_LINKING_SITES,
];
