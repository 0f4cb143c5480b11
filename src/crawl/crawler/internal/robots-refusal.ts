import { toVouchError } from '../../../core/errors.js';
import { matchRobots } from '../../robots/match-robots.js';
import type { RobotsEntry, RobotsPolicy } from '../../robots/robots-policy.js';

/** How soon robots.txt is asked again after an unexpected failure (the policy's own error TTL). */
const FAILED_TTL_MS = 10 * 60 * 1000;

/**
 * The origin's robots.txt, through the policy's cache. The policy turns every fetch failure into
 * a verdict; anything else it throws (a bug) becomes "disallow all" for a while, not a dead crawl.
 */
export async function loadRobots(policy: RobotsPolicy, origin: string): Promise<RobotsEntry> {
  try {
    return await policy.entryFor(origin + '/');
  } catch (err) {
    const now = Date.now();
    return {
      origin, robotsUrl: origin + '/robots.txt', state: 'disallow-all', robots: null, status: null, errorCode: toVouchError(err).code,
      sitemaps: [], crawlDelayMs: null, truncated: false, fetchedAt: now, expiresAt: now + FAILED_TTL_MS,
    };
  }
}

/** Failures of robots.txt itself that say more about the host than "robots.txt unavailable". */
const HOST_FAILURES = new Set(['SSRF_BLOCKED', 'NETWORK', 'TIMEOUT', 'INVALID_URL']);

/**
 * Why the origin's robots.txt refuses a URL (an error code to record on the page), or null when
 * it may be fetched. A robots.txt that could not be read (5xx, unreachable) refuses everything
 * (RFC 9309 2.3.1.4); the code then says whether the host was refused, unreachable, or erring.
 */
export function robotsRefusal(robots: RobotsEntry, agent: string, url: string): string | null {
  if (robots.state === 'allow-all') return null;
  if (robots.state === 'rules') return matchRobots(robots.robots!, agent, url).allowed ? null : 'ROBOTS_DISALLOWED';
  return robots.errorCode !== null && HOST_FAILURES.has(robots.errorCode) ? robots.errorCode : 'ROBOTS_UNAVAILABLE';
}
