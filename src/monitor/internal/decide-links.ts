/**
 * The verdict on each known backlink of one source page, from what the page shows now. Pure, so
 * that every rule is tested without a network.
 *
 * Live link:                     | Lost link:
 * - page failed N runs in a row → crawl-error, else no change | - stays lost
 * - robots.txt disallows → page-blocked      | - stays lost (reason follows the page)
 * - 4xx → page-gone; 3xx → page-redirects    | - stays lost (reason follows the page)
 * - page answers without the link → link-removed
 * - present, but the page newly says noindex → page-noindex; its canonical newly points elsewhere
 *   → page-not-canonical; the link was followed and no longer is → now-nofollow/ugc/sponsored
 * - present and none of that → live (flags refreshed) | → recovered
 *
 * "Newly" compares with the page as last recorded: a link first seen on a noindex page stays live
 * while the page stays noindex (it never counted more than that). A lost link keeps its reason while
 * that reason still holds, so a noindex page does not flap between lost and recovered.
 */
import type { LossReason, ObservedLink, PageObservation } from '../types.js';

export interface StoredBacklink {
  id: number;
  dstUrl: string;
  kind: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  metaNofollow: boolean;
  /** null while live. */
  lostReason: string | null;
  /** Provenance; an imported link (`import:<vendor>`) may carry the vendor's wording of the anchor. */
  source: string;
}

/** The source page as last recorded, before this check. */
export interface PreviousPage {
  noindex: boolean;
  canonical: string | null;
}

export interface LinkDecision {
  id: number;
  /** The event to write, if any. */
  event: 'lost' | 'recovered' | null;
  /** lost_reason after the check: null = live. */
  lostReason: string | null;
  /** The link as seen now (refresh its flags and last_seen), or null when not seen. */
  seen: ObservedLink | null;
}

export function linkIdentity(dstUrl: string, kind: string, anchor: string): string {
  return `${kind}\u0000${dstUrl}\u0000${anchor}`;
}

const DEVALUED: ReadonlySet<string> = new Set(['now-nofollow', 'now-ugc', 'now-sponsored']);

function followed(l: { nofollow: boolean; ugc: boolean; sponsored: boolean; metaNofollow: boolean }): boolean {
  return !(l.nofollow || l.ugc || l.sponsored || l.metaNofollow);
}

function schemeTwin(url: string): string {
  if (url.startsWith('https://')) return `http://${url.slice(8)}`;
  if (url.startsWith('http://')) return `https://${url.slice(7)}`;
  return url;
}

/** The canonical names another URL (a scheme twin is the same page). */
export function canonicalElsewhere(pageUrl: string, canonical: string | null): boolean {
  return canonical !== null && canonical !== pageUrl && schemeTwin(canonical) !== pageUrl;
}

function relReason(l: ObservedLink): LossReason {
  if (l.sponsored) return 'now-sponsored';
  if (l.ugc) return 'now-ugc';
  return 'now-nofollow';
}

/** Why a link that is on the page does not count, or null when it does. */
function devaluation(pageUrl: string, stored: StoredBacklink, seen: ObservedLink, obs: Extract<PageObservation, { kind: 'ok' }>, prev: PreviousPage | null): LossReason | null {
  const reason = stored.lostReason;
  if (obs.noindex && (reason === 'page-noindex' || !(prev?.noindex ?? false))) return 'page-noindex';
  if (canonicalElsewhere(pageUrl, obs.canonical) && (reason === 'page-not-canonical' || !canonicalElsewhere(pageUrl, prev?.canonical ?? null))) return 'page-not-canonical';
  if (!followed(seen) && ((reason !== null && DEVALUED.has(reason)) || followed(stored))) return relReason(seen);
  return null;
}

/** Page-level reason for every link of the page, or null when the page answered with HTML. */
function pageReason(obs: PageObservation): LossReason | null {
  if (obs.kind === 'blocked') return 'page-blocked';
  if (obs.kind === 'gone') return 'page-gone';
  if (obs.kind === 'redirect') return 'page-redirects';
  return null;
}

function verdict(stored: StoredBacklink, reason: LossReason | null, seen: ObservedLink | null): LinkDecision {
  const live = stored.lostReason === null;
  if (reason === null) return { id: stored.id, event: live ? null : 'recovered', lostReason: null, seen };
  return { id: stored.id, event: live ? 'lost' : null, lostReason: reason, seen };
}

/**
 * Decide every stored backlink of `pageUrl`.
 * @param failures consecutive failed checks of the page, this one included (0 when it answered).
 */
export function decideLinks(
  pageUrl: string,
  stored: readonly StoredBacklink[],
  obs: PageObservation,
  prev: PreviousPage | null,
  failures: number,
  failuresBeforeLost: number,
): LinkDecision[] {
  if (obs.kind === 'failed') {
    return stored.map((s) =>
      s.lostReason === null && failures >= failuresBeforeLost
        ? { id: s.id, event: 'lost', lostReason: 'crawl-error', seen: null }
        : { id: s.id, event: null, lostReason: s.lostReason, seen: null },
    );
  }
  if (obs.kind === 'redirect') {
    return stored.map((s) => {
      if (s.kind !== 'redirect') return verdict(s, 'page-redirects', null);
      const same = obs.location === s.dstUrl;
      return verdict(s, same ? null : 'link-removed', same ? redirectSeen(s, obs.status) : null);
    });
  }
  const byPage = pageReason(obs);
  if (byPage !== null || obs.kind !== 'ok') return stored.map((s) => verdict(s, byPage, null));
  const present = new Map(obs.links.map((l) => [linkIdentity(l.dstUrl, l.kind, l.anchor), l]));
  const claimed = new Set<ObservedLink>();
  for (const s of stored) {
    const exact = present.get(linkIdentity(s.dstUrl, s.kind, s.anchor));
    if (exact !== undefined) claimed.add(exact);
  }
  return stored.map((s) => {
    let seen = present.get(linkIdentity(s.dstUrl, s.kind, s.anchor)) ?? null;
    // A vendor export words anchors its own way (cut, spaced, alt text or not): an imported link is
    // still there when the page links to the same URL in the same way, unless another stored link
    // already accounts for that link.
    if (seen === null && s.source.startsWith('import:')) {
      seen = obs.links.find((l) => l.dstUrl === s.dstUrl && l.kind === s.kind && !claimed.has(l)) ?? null;
      if (seen !== null) claimed.add(seen);
    }
    if (seen === null) return verdict(s, 'link-removed', null);
    return verdict(s, devaluation(pageUrl, s, seen, obs, prev), seen);
  });
}

function redirectSeen(s: StoredBacklink, status: number): ObservedLink {
  return { dstUrl: s.dstUrl, kind: 'redirect', anchor: '', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, hidden: false, position: 'body', context: '', httpStatus: status };
}
