/**
 * After a crawl, verify or monitor run has changed links: move prospects whose link went live to
 * won, and won prospects whose link was lost to lost, raising a monitoring alert for each of those.
 * Prospecting and monitoring sit side by side in the library; the faces compose them here.
 */
import type { Store } from '../../store/index.js';

export interface SettledProspects {
  won: number;
  lost: number;
}

export async function settleProspects(store: Store): Promise<SettledProspects> {
  const { updateWonProspects, updateLostWins } = await import('../../prospect/index.js');
  const { raiseAlert } = await import('../../monitor/index.js');
  const won = await updateWonProspects(store);
  const lost = await updateLostWins(store);
  for (const w of lost) {
    await raiseAlert(store, {
      targetId: w.targetId,
      kind: 'won-link-lost',
      dedupeKey: `prospect:${w.prospectId}:link:${w.linkId}`,
      message: `a won outreach link from ${w.domain} is lost (${w.lostReason ?? 'reason unknown'}): ${w.linkUrl}`,
      details: { prospectId: w.prospectId, domain: w.domain, linkId: w.linkId, linkUrl: w.linkUrl, lostAt: w.lostAt, lostReason: w.lostReason },
    });
  }
  return { won: won.length, lost: lost.length };
}
