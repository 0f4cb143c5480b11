/** What a robots.txt line asks for, after Google's key normalisation (typos such as "disalow" included). */
export type RobotsDirectiveKind = 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'unknown';

/** One key/value line of a robots.txt, as Google's reference parser emits it. */
export interface RobotsDirective {
  /** 1-based line number (\n, \r\n and \r all end a line). */
  line: number;
  kind: RobotsDirectiveKind;
  /** The key as written (trimmed); what tells apart unknown keys such as `crawl-delay`. */
  key: string;
  /**
   * The value as a binary string (one char per byte, like Google's `char*`). Allow, disallow and
   * unknown values are already escaped (non-ASCII bytes as %XX, %xx upper-cased), so they are ASCII.
   */
  value: string;
}

/** A parsed robots.txt. Parse once per origin, then match any number of URLs and agents. */
export interface RobotsTxt {
  directives: readonly RobotsDirective[];
  /** Every `Sitemap:` value in file order, de-duplicated, UTF-8 decoded, not yet resolved. */
  sitemaps: readonly string[];
  /** Number of lines seen (the last line counts even without a line ending). */
  lineCount: number;
}

/** The verdict for one URL, with the rule that decided it (null when no rule matched). */
export interface RobotsMatch {
  allowed: boolean;
  /** Line of the deciding rule; 0 when none decided. */
  line: number;
  rule: { kind: 'allow' | 'disallow'; pattern: string } | null;
  /** True when the verdict came from the agent's own group, false for `*` or no group. */
  specific: boolean;
}
