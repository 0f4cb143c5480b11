/**
 * Meta robots and X-Robots-Tag directives (Google's documented syntax). We only need the two that
 * change what a link means: noindex and nofollow; `none` means both. Directives add up: the most
 * restrictive wins, whatever the order.
 */
export const ROBOTS_NOINDEX = 1;
export const ROBOTS_NOFOLLOW = 2;

/** Flags from one directive list such as `noindex, nofollow` or `none` (commas or spaces). */
export function parseRobotsDirectives(content: string): number {
  let flags = 0;
  for (const raw of content.split(/[\s,]+/)) {
    switch (raw.toLowerCase()) {
      case 'noindex':
        flags |= ROBOTS_NOINDEX;
        break;
      case 'nofollow':
        flags |= ROBOTS_NOFOLLOW;
        break;
      case 'none':
        flags |= ROBOTS_NOINDEX | ROBOTS_NOFOLLOW;
        break;
      default:
        break;
    }
  }
  return flags;
}

// Directives that carry a value after a colon, so `name:` is not a user agent.
const VALUED_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);
const AGENT_PREFIX = /^\s*([A-Za-z0-9_-]+)\s*:\s*(.*)$/s;

/**
 * Flags from X-Robots-Tag header values that apply to us: generic directives, and those after a
 * `agent:` prefix naming one of `agents` (lower-case). A prefix holds until the next prefix:
 * `googlebot: nofollow, otherbot: noindex` gives nofollow only.
 */
export function parseXRobotsTag(values: readonly string[], agents: readonly string[]): number {
  let flags = 0;
  for (const value of values) {
    let applies = true;
    for (const part of value.split(',')) {
      let directive = part;
      const m = AGENT_PREFIX.exec(part);
      if (m !== null && !VALUED_DIRECTIVES.has(m[1]!.toLowerCase())) {
        applies = agents.includes(m[1]!.toLowerCase());
        directive = m[2]!;
      }
      if (applies) flags |= parseRobotsDirectives(directive);
    }
  }
  return flags;
}
