/**
 * Robots directives and rel tokens as the WAT reports them, read with the extractor's rules (Google's
 * documented syntax): noindex and nofollow count, `none` means both; meta robots named `robots`,
 * `vouch` or `googlebot` apply; in X-Robots-Tag an `agent:` prefix holds until the next prefix.
 */
const AGENTS = ['robots', 'vouch', 'googlebot'];
const VALUED_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);
const AGENT_PREFIX = /^\s*([A-Za-z0-9_-]+)\s*:\s*(.*)$/s;

export interface RobotsFlags {
  noindex: boolean;
  nofollow: boolean;
}

/** Flags of one directive list (`noindex, nofollow`, `none`), added to `into`. */
function addDirectives(content: string, into: RobotsFlags): void {
  for (const word of content.toLowerCase().split(/[\s,]+/)) {
    if (word === 'noindex' || word === 'none') into.noindex = true;
    if (word === 'nofollow' || word === 'none') into.nofollow = true;
  }
}

/** Add the flags of a `<meta name=… content=…>` that applies to us. */
export function addMetaRobots(name: string, content: string, into: RobotsFlags): void {
  if (AGENTS.includes(name.trim().toLowerCase())) addDirectives(content, into);
}

/** Add the flags of X-Robots-Tag header values. */
export function addXRobotsTag(values: readonly string[], into: RobotsFlags): void {
  for (const value of values) {
    let applies = true;
    for (const part of value.split(',')) {
      let directive = part;
      const m = AGENT_PREFIX.exec(part);
      if (m !== null && !VALUED_DIRECTIVES.has(m[1]!.toLowerCase())) {
        applies = AGENTS.slice(1).includes(m[1]!.toLowerCase());
        directive = m[2]!;
      }
      if (applies) addDirectives(directive, into);
    }
  }
}

/** nofollow / ugc / sponsored from a rel attribute. */
export function relFlags(rel: unknown): { nofollow: boolean; ugc: boolean; sponsored: boolean } {
  const words = typeof rel === 'string' ? rel.toLowerCase().split(/\s+/) : [];
  return { nofollow: words.includes('nofollow'), ugc: words.includes('ugc'), sponsored: words.includes('sponsored') };
}

/** The URL of a meta refresh (`5; url=/next`), or null for a plain reload. */
export function metaRefreshUrl(content: string): string | null {
  const m = /^\s*[\d.]+\s*(?:[;,]\s*(?:url\s*=\s*)?(['"]?)(.*?)\1\s*)?$/is.exec(content);
  const url = m?.[2]?.trim() ?? '';
  return url === '' ? null : url;
}
