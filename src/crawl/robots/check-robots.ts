import { matchRobots, robotsCrawlDelaySeconds } from './match-robots.js';
import { parseRobotsTxt } from './parse-robots-txt.js';
import { robotsProductToken } from './robots-agent.js';

export interface CheckRobotsInput {
  /** The robots.txt body. */
  robotsTxt: string | Uint8Array;
  /** A User-Agent string or product token; its product token (leading [A-Za-z_-]) is matched. */
  userAgent: string;
  urls: readonly string[];
}

export interface CheckRobotsUrl {
  url: string;
  allowed: boolean;
  /** The deciding line, e.g. `Disallow: /private`, with its number; null when no rule decided. */
  rule: string | null;
  line: number | null;
  /** Whose group decided: the agent's own, `*`, or none (no rule matched). */
  group: 'agent' | '*' | 'none';
}

export interface CheckRobotsResult {
  agent: string;
  results: CheckRobotsUrl[];
  crawlDelaySeconds: number | null;
  sitemaps: string[];
}

/**
 * `vouch robots check`: the verdict of a robots.txt for each URL, and the rule behind it.
 * @example checkRobots({ robotsTxt: 'User-agent: *\nDisallow: /a', userAgent: 'Vouch', urls: ['https://x.test/a'] }).results[0].allowed // false
 */
export function checkRobots(input: CheckRobotsInput): CheckRobotsResult {
  const robots = parseRobotsTxt(input.robotsTxt);
  const agent = robotsProductToken(input.userAgent.trim());
  const results = input.urls.map((url): CheckRobotsUrl => {
    const m = matchRobots(robots, agent, url);
    const kind = m.rule?.kind === 'allow' ? 'Allow' : 'Disallow';
    return {
      url,
      allowed: m.allowed,
      rule: m.rule === null ? null : `${kind}: ${m.rule.pattern}`,
      line: m.rule === null ? null : m.line,
      group: m.rule === null ? 'none' : m.specific ? 'agent' : '*',
    };
  });
  return { agent, results, crawlDelaySeconds: robotsCrawlDelaySeconds(robots, agent), sitemaps: [...robots.sitemaps] };
}
