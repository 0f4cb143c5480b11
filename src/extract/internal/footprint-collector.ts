/**
 * Page footprints: the facts that tie pages of one owner together or say what a page is, collected
 * from the same token stream as the links (a second htmlparser2 handler, see create-link-extractor).
 *
 * - `text`: visible text outside `<head>`, script, style, noscript, template and foreign content,
 *   whitespace-collapsed and cut at TEXT_MAX_CHARS; `wordCount` counts every word, past the cut too.
 * - `trackingIds`: analytics, tag-manager and ad ids in script text and attribute values, normalised
 *   (`UA-1234-1`, `G-ABC123`, `GTM-XYZ`, `AW-123`, `ca-pub-123456`).
 * - `templateHash`: SHA-1 (16 hex digits) of the sorted set of element paths, down to
 *   SKELETON_MAX_DEPTH levels, each step `tag.class.class` with classes sorted. Text, attribute values
 *   other than class, and how often a path repeats are ignored, so pages of one theme agree whatever
 *   their content, while different themes differ.
 * - `mailtos`: the addresses of `mailto:` hrefs, lower-cased, deduped, at most MAILTO_MAX.
 */
import { createHash } from 'node:crypto';
import { collapseWhitespace, cutAt, isSpace } from './text.js';

export const TEXT_MAX_CHARS = 20_000;
export const MAILTO_MAX = 20;
export const SKELETON_MAX_DEPTH = 6;
const TRACKING_MAX = 50;

/** Elements whose content is never visible text. */
const HIDDEN_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'textarea', 'iframe', 'object']);
/** Inline elements: no word break around them. */
const INLINE = new Set(['a', 'b', 'i', 'u', 's', 'q', 'em', 'tt', 'sub', 'sup', 'bdi', 'bdo', 'span', 'strong', 'small', 'code', 'abbr', 'mark', 'cite', 'kbd', 'samp', 'var', 'time', 'font', 'label', 'dfn', 'data']);

// NOTE: the `g` flag makes these stateful; every use goes through matchAll, which clones them.
const TRACKING_PATTERNS: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/\bUA-(\d{4,10})-(\d{1,4})\b/gi, (m) => `UA-${m[1]}-${m[2]}`],
  [/\b(G|GT|AW|DC)-([A-Z0-9]{6,12})\b/gi, (m) => `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}`],
  [/\bGTM-([A-Z0-9]{4,9})\b/gi, (m) => `GTM-${m[1]!.toUpperCase()}`],
  [/\b(?:ca-)?pub-(\d{10,20})\b/gi, (m) => `ca-pub-${m[1]}`],
];
const TRACKING_HINT = /UA-|G-|GT-|AW-|DC-|GTM-|pub-/i;

/** Tracking ids found in `text`, normalised, added to `into`. */
export function scanTrackingIds(text: string, into: Set<string>): void {
  if (!TRACKING_HINT.test(text)) return;
  for (const [pattern, normalise] of TRACKING_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      if (into.size >= TRACKING_MAX) return;
      into.add(normalise(m));
    }
  }
}


export class FootprintCollector {
  private readonly chunks: string[] = [];
  private kept = 0;
  private words = 0;
  private inWord = false;
  private hiddenDepth = 0;
  private inScript = false;
  private scriptText = '';
  private readonly tracking = new Set<string>();
  private readonly mail = new Set<string>();
  private readonly paths = new Set<string>();
  /** Skeleton path of each open element down to SKELETON_MAX_DEPTH ('' deeper), and the open tag names. */
  private readonly stack: string[] = [];
  private readonly names: string[] = [];
  // The open tag whose attributes are still arriving.
  private pendingName: string | null = null;
  private pendingClass = '';

  onopentagname(name: string): void {
    this.flush();
    this.pendingName = name;
    this.pendingClass = '';
    this.names.push(name);
    if (HIDDEN_TEXT.has(name)) this.hiddenDepth++;
    if (name === 'script') {
      this.inScript = true;
      this.scriptText = '';
    }
    if (!INLINE.has(name)) this.boundary();
  }

  onattribute(name: string, value: string): void {
    if (this.pendingName === null) return;
    if (name === 'class') this.pendingClass = value;
    else if (name === 'href') {
      // Cheap first-letter test: nearly every href is http(s), relative or a fragment.
      if ((value.charCodeAt(0) | 32) === 109 && value.length > 7 && value.slice(0, 7).toLowerCase() === 'mailto:') this.mailto(value.slice(7));
    }
    // NOTE: ids sit in script/iframe/img src (`?id=G-…`, `?client=ca-pub-…`) and data-* attributes
    // (`data-ad-client`); scanning every href and class would cost more than it finds.
    else if (name === 'src' || name.startsWith('data-')) scanTrackingIds(value, this.tracking);
  }

  ontext(data: string): void {
    this.flush();
    if (this.inScript) {
      if (this.scriptText.length < 100_000) this.scriptText += data;
      return;
    }
    if (this.hiddenDepth > 0) return;
    for (let i = 0; i < data.length; i++) {
      if (isSpace(data.charCodeAt(i))) this.inWord = false;
      else if (!this.inWord) {
        this.inWord = true;
        this.words++;
      }
    }
    if (this.kept < TEXT_MAX_CHARS * 2) {
      this.chunks.push(data);
      this.kept += data.length;
    }
  }

  onclosetag(name: string): void {
    this.flush();
    // htmlparser2 closes elements in stack order, so the name popped is the one opened last.
    const open = this.names.pop();
    if (open === undefined) return;
    this.stack.pop();
    if (HIDDEN_TEXT.has(open) && this.hiddenDepth > 0) this.hiddenDepth--;
    if (open === 'script' && this.inScript) {
      this.inScript = false;
      scanTrackingIds(this.scriptText, this.tracking);
      this.scriptText = '';
    }
    if (!INLINE.has(name)) this.boundary();
  }

  /** Complete the pending open tag: its skeleton path. */
  flush(): void {
    const name = this.pendingName;
    if (name === null) return;
    this.pendingName = null;
    const depth = this.stack.length + 1;
    if (depth > SKELETON_MAX_DEPTH) {
      this.stack.push('');
      return;
    }
    let step = name;
    if (this.pendingClass !== '') {
      const classes = [...new Set(this.pendingClass.split(/\s+/).filter((c) => c.length > 0))].sort();
      if (classes.length > 0) step += '.' + classes.join('.');
    }
    const path = depth === 1 ? step : `${this.stack[depth - 2]!}>${step}`;
    this.paths.add(path);
    this.stack.push(path);
  }

  private boundary(): void {
    this.inWord = false;
    if (this.chunks.length > 0 && this.chunks[this.chunks.length - 1] !== ' ') this.chunks.push(' ');
  }

  private mailto(rest: string): void {
    if (this.mail.size >= MAILTO_MAX) return;
    let address = rest.split('?')[0]!.trim();
    try {
      address = decodeURIComponent(address);
    } catch {
      // A malformed escape: keep the address as written.
    }
    for (const one of address.split(',')) {
      const a = one.trim().toLowerCase();
      if (a.includes('@') && a.length <= 254 && this.mail.size < MAILTO_MAX) this.mail.add(a);
    }
  }

  /** The footprints of the page; call once, after the parser ended. */
  result(): { text: string; wordCount: number; trackingIds: string[]; templateHash: string; mailtos: string[] } {
    this.flush();
    if (this.inScript) scanTrackingIds(this.scriptText, this.tracking);
    const text = cutAt(collapseWhitespace(this.chunks.join('')), TEXT_MAX_CHARS);
    const skeleton = [...this.paths].sort().join('\n');
    return {
      text,
      wordCount: this.words,
      trackingIds: [...this.tracking].sort(),
      templateHash: createHash('sha1').update(skeleton).digest('hex').slice(0, 16),
      mailtos: [...this.mail],
    };
  }
}
