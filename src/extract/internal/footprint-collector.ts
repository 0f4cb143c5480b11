/**
 * Page footprints: the facts that tie pages of one owner together or say what a page is, collected
 * from the same token stream as the links (a second htmlparser2 handler, see create-link-extractor).
 *
 * - `text`: visible text outside `<head>`, script, style, noscript, template and foreign content,
 *   whitespace-collapsed and cut at TEXT_MAX_CHARS; `wordCount` counts every word, past the cut too
 *   (see visible-text.ts).
 * - `trackingIds`: analytics, tag-manager and ad ids in script text and attribute values, normalised
 *   (`UA-1234-1`, `G-ABC123`, `GTM-XYZ`, `AW-123`, `ca-pub-123456`).
 * - `templateHash`: SHA-1 (16 hex digits) of the sorted set of element paths, down to
 *   SKELETON_MAX_DEPTH levels, each step `tag.class.class` with classes sorted. Text, attribute values
 *   other than class, and how often a path repeats are ignored, so pages of one theme agree whatever
 *   their content, while different themes differ (see template-skeleton.ts).
 * - `mailtos`: the addresses of `mailto:` hrefs, lower-cased, deduped, at most MAILTO_MAX.
 */
import { TemplateSkeleton } from './template-skeleton.js';
import { VisibleText } from './visible-text.js';

export const MAILTO_MAX = 20;
const TRACKING_MAX = 50;

// NOTE: the `g` flag makes these stateful: scanTrackingIds sets lastIndex before each use (exec
// loops rather than matchAll, which would clone each regexp on every call).
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
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      if (into.size >= TRACKING_MAX) return;
      into.add(normalise(m));
    }
  }
}


/** Footprint tag kinds, as bit flags. */
const K_HIDDEN = 1;
const K_INLINE = 2;
const K_SCRIPT = 4;

/**
 * Kind of a lower-case tag name: K_HIDDEN for elements whose content is never visible text
 * (script, style, noscript, template, head, title, svg, math, textarea, iframe, object), K_INLINE
 * for inline elements, with no word break around them (a, b, i, u, s, q, em, tt, sub, sup, bdi, bdo,
 * span, strong, small, code, abbr, mark, cite, kbd, samp, var, time, font, label, dfn, data), plus
 * K_SCRIPT for script. Switching on the length keeps the common names to a couple of comparisons.
 */
function footprintTagKind(name: string): number {
  switch (name.length) {
    case 1:
      return name === 'a' || name === 'b' || name === 'i' || name === 'u' || name === 's' || name === 'q' ? K_INLINE : 0;
    case 2:
      return name === 'em' || name === 'tt' ? K_INLINE : 0;
    case 3:
      if (name === 'svg') return K_HIDDEN;
      return name === 'sub' || name === 'sup' || name === 'bdi' || name === 'bdo' || name === 'kbd' || name === 'var' || name === 'dfn' ? K_INLINE : 0;
    case 4:
      if (name === 'head' || name === 'math') return K_HIDDEN;
      return name === 'span' || name === 'code' || name === 'abbr' || name === 'mark' || name === 'cite' || name === 'samp' || name === 'time' || name === 'font' || name === 'data' ? K_INLINE : 0;
    case 5:
      if (name === 'style' || name === 'title') return K_HIDDEN;
      return name === 'small' || name === 'label' ? K_INLINE : 0;
    case 6:
      if (name === 'script') return K_HIDDEN | K_SCRIPT;
      if (name === 'iframe' || name === 'object') return K_HIDDEN;
      return name === 'strong' ? K_INLINE : 0;
    case 8:
      return name === 'noscript' || name === 'template' || name === 'textarea' ? K_HIDDEN : 0;
    default:
      return 0;
  }
}

export class FootprintCollector {
  private readonly visible = new VisibleText();
  private hiddenDepth = 0;
  private inScript = false;
  private scriptText = '';
  private readonly tracking = new Set<string>();
  private readonly mail = new Set<string>();
  private readonly skeleton = new TemplateSkeleton();
  /** Kinds of the open elements (footprintTagKind). */
  private kinds = new Uint8Array(64);
  private open = 0;
  // The open tag whose attributes are still arriving.
  private pendingName: string | null = null;
  private pendingClass = '';

  onopentagname(name: string): void {
    this.flush();
    this.pendingName = name;
    this.pendingClass = '';
    const kind = footprintTagKind(name);
    if (this.open === this.kinds.length) {
      const kinds = new Uint8Array(this.open * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.kinds[this.open++] = kind;
    if ((kind & K_HIDDEN) !== 0) this.hiddenDepth++;
    if ((kind & K_SCRIPT) !== 0) {
      this.inScript = true;
      this.scriptText = '';
    }
    if ((kind & K_INLINE) === 0) this.visible.boundary();
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

  /**
   * Page text, except that adding it to the visible text is left to the caller (so that the
   * characters are scanned once for both link context and footprint, see LinkHandler.ontext):
   * returns the visible text that `data` belongs to, or null when it is not visible.
   */
  visibleTextFor(data: string): VisibleText | null {
    this.flush();
    if (this.inScript) {
      if (this.scriptText.length < 100_000) this.scriptText += data;
      return null;
    }
    return this.hiddenDepth === 0 ? this.visible : null;
  }

  onclosetag(name: string): void {
    this.flush();
    // htmlparser2 closes elements in stack order, so the element closed is the one opened last.
    if (this.open === 0) return;
    const kind = this.kinds[--this.open]!;
    this.skeleton.close();
    if ((kind & K_HIDDEN) !== 0 && this.hiddenDepth > 0) this.hiddenDepth--;
    if ((kind & K_SCRIPT) !== 0 && this.inScript) {
      this.inScript = false;
      scanTrackingIds(this.scriptText, this.tracking);
      this.scriptText = '';
    }
    if ((footprintTagKind(name) & K_INLINE) === 0) this.visible.boundary();
  }

  /** Complete the pending open tag: its skeleton path. */
  flush(): void {
    const name = this.pendingName;
    if (name === null) return;
    this.pendingName = null;
    this.skeleton.open(name, this.pendingClass);
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
    return {
      text: this.visible.text(),
      wordCount: this.visible.words,
      trackingIds: [...this.tracking].sort(),
      templateHash: this.skeleton.hash(),
      mailtos: [...this.mail],
    };
  }
}
