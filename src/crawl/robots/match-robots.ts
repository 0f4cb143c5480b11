/**
 * Allow/disallow for one URL and agent, as Google's `RobotsMatcher::OneAgentAllowedByRobots`:
 * the agent's own group if any user-agent line names it (case-insensitive product token), else
 * the `*` group; within it the longest matching pattern wins, and Allow wins a tie. An empty
 * Disallow matches nothing. RFC 9309 2.2.2: `/robots.txt` itself is always allowed.
 */
import { compileRobotsAgent } from './internal/compile-robots-agent.js';
import type { CompiledAgent } from './internal/compile-robots-agent.js';
import { robotsPathOf } from './robots-path-of.js';
import { robotsPatternMatches } from './robots-pattern-matches.js';
import type { RobotsMatch, RobotsTxt } from './types.js';

const compiledCache = new WeakMap<RobotsTxt, Map<string, CompiledAgent>>();

/** The agent's compiled rules, computed once per (robots.txt, agent). */
export function compiledAgentOf(robots: RobotsTxt, agent: string): CompiledAgent {
  let byAgent = compiledCache.get(robots);
  if (byAgent === undefined) compiledCache.set(robots, (byAgent = new Map()));
  let compiled = byAgent.get(agent);
  if (compiled === undefined) byAgent.set(agent, (compiled = compileRobotsAgent(robots, agent)));
  return compiled;
}

/**
 * Match a URL (absolute, or a path) for one agent. `agent` is compared whole with the product
 * token of each user-agent line: pass `robotsProductToken(userAgentHeader)`, e.g. `Vouch`.
 * @example matchRobots(parseRobotsTxt('User-agent: *\nDisallow: /'), 'Vouch', 'https://a.test/x') // { allowed: false, line: 2, ... }
 */
export function matchRobots(robots: RobotsTxt, agent: string, url: string): RobotsMatch {
  // Bytes, as the reference sees them; a URL with raw non-ASCII only matches escaped patterns.
  const path = Buffer.from(robotsPathOf(url), 'utf8').toString('latin1');
  if (path === '/robots.txt') return { allowed: true, line: 0, rule: null, specific: false };
  const compiled = compiledAgentOf(robots, agent);
  const best = {
    specificAllow: NO_MATCH, specificDisallow: NO_MATCH, globalAllow: NO_MATCH, globalDisallow: NO_MATCH,
  };
  for (const rule of compiled.rules) {
    let pattern = rule.pattern;
    let matched = robotsPatternMatches(path, pattern);
    if (!matched && rule.indexFallback !== null) {
      pattern = rule.indexFallback;
      matched = robotsPatternMatches(path, pattern);
    }
    if (!matched) continue;
    const key = rule.specific ? (rule.allow ? 'specificAllow' : 'specificDisallow') : rule.allow ? 'globalAllow' : 'globalDisallow';
    // Strictly greater: the first line of the longest pattern is the one reported.
    if (best[key].priority < pattern.length) best[key] = { priority: pattern.length, line: rule.line, pattern };
  }
  if (best.specificAllow.priority > 0 || best.specificDisallow.priority > 0) return verdict(best.specificAllow, best.specificDisallow, true);
  // A group names the agent but none of its rules matched (or only empty ones): allowed.
  if (compiled.everSeenSpecific) return { allowed: true, line: 0, rule: null, specific: true };
  if (best.globalAllow.priority > 0 || best.globalDisallow.priority > 0) return verdict(best.globalAllow, best.globalDisallow, false);
  return { allowed: true, line: 0, rule: null, specific: false };
}

/** Shorthand for `matchRobots(...).allowed`. */
export function isAllowedByRobots(robots: RobotsTxt, agent: string, url: string): boolean {
  return matchRobots(robots, agent, url).allowed;
}

/** The Crawl-delay (seconds) of the group that applies to the agent, or null. */
export function robotsCrawlDelaySeconds(robots: RobotsTxt, agent: string): number | null {
  return compiledAgentOf(robots, agent).crawlDelaySeconds;
}

interface Best {
  priority: number;
  line: number;
  pattern: string;
}

const NO_MATCH: Best = { priority: -1, line: 0, pattern: '' };

function verdict(allow: Best, disallow: Best, specific: boolean): RobotsMatch {
  if (disallow.priority > allow.priority) return { allowed: false, line: disallow.line, rule: { kind: 'disallow', pattern: disallow.pattern }, specific };
  return { allowed: true, line: allow.line, rule: { kind: 'allow', pattern: allow.pattern }, specific };
}
