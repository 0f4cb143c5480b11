import { robotsProductToken } from '../robots-agent.js';
import type { RobotsTxt } from '../types.js';
import { isAsciiSpace } from './robots-key-value.js';

export interface CompiledRule {
  allow: boolean;
  pattern: string;
  line: number;
  /** From the agent's own group (true) or from `*` (false). */
  specific: boolean;
  /** Google's quirk: an Allow ending in /index.htm(l) that fails also tries `<dir>/$`. */
  indexFallback: string | null;
}

/** The rules of a robots.txt that apply to one agent, whatever the path. */
export interface CompiledAgent {
  rules: CompiledRule[];
  /** Some user-agent line named the agent (even one whose group has no rules). */
  everSeenSpecific: boolean;
  /** First valid Crawl-delay of the agent's own groups, else of the `*` groups (seconds). */
  crawlDelaySeconds: number | null;
}

const CRAWL_DELAY_KEYS = new Set(['crawl-delay', 'crawldelay', 'crawl_delay']);

/**
 * Replay the directives through the state machine of Google's `RobotsMatcher` (HandleUserAgent,
 * HandleAllow, ...) for one agent. Group membership depends only on the agent, so the result
 * serves every path; `matchRobots` then does the longest-match step.
 */
export function compileRobotsAgent(robots: RobotsTxt, agent: string): CompiledAgent {
  const wanted = asciiLower(agent);
  const rules: CompiledRule[] = [];
  let seenGlobal = false;
  let seenSpecific = false;
  let everSeenSpecific = false;
  let seenSeparator = false;
  let specificDelay: number | null = null;
  let globalDelay: number | null = null;
  for (const d of robots.directives) {
    switch (d.kind) {
      case 'user-agent': {
        // A user-agent line after any rule starts a new group; consecutive ones share a group.
        if (seenSeparator) seenSpecific = seenGlobal = seenSeparator = false;
        const v = d.value;
        // Google: "* and more text" still names the global group.
        if (v.startsWith('*') && (v.length === 1 || isAsciiSpace(v.charCodeAt(1)))) {
          seenGlobal = true;
        } else if (asciiLower(robotsProductToken(v)) === wanted) {
          everSeenSpecific = seenSpecific = true;
        }
        break;
      }
      case 'allow':
      case 'disallow': {
        if (!seenGlobal && !seenSpecific) break;
        seenSeparator = true;
        const allow = d.kind === 'allow';
        rules.push({ allow, pattern: d.value, line: d.line, specific: seenSpecific, indexFallback: allow ? indexFallbackOf(d.value) : null });
        break;
      }
      default: {
        // Sitemap and other lines do not end a group (robots.cc since 2022, RFC 9309 2.2.1).
        if (d.kind === 'unknown' && (seenGlobal || seenSpecific) && CRAWL_DELAY_KEYS.has(d.key.toLowerCase())) {
          const seconds = parseDelaySeconds(d.value);
          if (seconds !== null && seenSpecific) specificDelay ??= seconds;
          else if (seconds !== null) globalDelay ??= seconds;
        }
      }
    }
  }
  return { rules, everSeenSpecific, crawlDelaySeconds: everSeenSpecific ? specificDelay : globalDelay };
}

function indexFallbackOf(pattern: string): string | null {
  const slash = pattern.lastIndexOf('/');
  if (slash === -1 || !pattern.startsWith('/index.htm', slash)) return null;
  return pattern.slice(0, slash + 1) + '$';
}

function parseDelaySeconds(value: string): number | null {
  if (!/^\d+(\.\d+)?$/.test(value)) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : null;
}

/** absl::EqualsIgnoreCase folds ASCII only; String#toLowerCase would fold U+212A (Kelvin) to 'k'. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
