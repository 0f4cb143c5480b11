import type { MarkerId } from '../types.js';
import { anchorOverOptimisationMarker, exactMatchAnchorMarker } from './anchor-markers.js';
import type { DetectorFactory } from './detector.js';
import { linkFarmMarker, spamMassMarker } from './graph-markers.js';
import { expiredRedirectMarker, languageMismatchMarker, velocitySpikeMarker } from './history-markers.js';
import { spamListMarker, suspiciousTldMarker } from './name-markers.js';
import { pbnFootprintMarker } from './pbn-footprint.js';
import { hiddenLinkMarker, paidUnmarkedMarker, sitewideFooterMarker, thinPageMarker } from './placement-markers.js';

/** Every detector, by the marker it reports (the table of weights is marker-table.ts). */
export const DETECTORS: Readonly<Record<MarkerId, DetectorFactory>> = {
  'spam-list': spamListMarker,
  'spam-mass': spamMassMarker,
  'link-farm': linkFarmMarker,
  'pbn-footprint': pbnFootprintMarker,
  'exact-match-anchor': exactMatchAnchorMarker,
  'anchor-over-optimisation': anchorOverOptimisationMarker,
  'sitewide-footer': sitewideFooterMarker,
  'hidden-link': hiddenLinkMarker,
  'paid-unmarked': paidUnmarkedMarker,
  'thin-page': thinPageMarker,
  'suspicious-tld': suspiciousTldMarker,
  'expired-redirect': expiredRedirectMarker,
  'velocity-spike': velocitySpikeMarker,
  'language-mismatch': languageMismatchMarker,
};
