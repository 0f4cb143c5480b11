/**
 * Anchor text and context snippets, from one ring of page text.
 *
 * Page text goes into a ring of UTF-16 code units, whitespace-collapsed as it is written (each run
 * becomes one space). A link's anchor is the ring text between its start and end, and its context
 * is the ring text from 50 characters before the start to 50 after the end, cut at word
 * boundaries: `context ≈ before(≤50) + anchor + after(≤50)`, spaced exactly as the page is.
 * Two cases are composed instead: image links (the alt, which is not page text, goes between
 * before and after, with spaces) and anchors longer than 100 characters (cut to 100 in the context).
 *
 * Why a typed ring and not a growing string: appending costs one store per character, reading a
 * snippet costs only its length, and nothing is flattened or collapsed twice.
 *
 * Links wait in a queue until 50 characters follow them (or the page ends). An anchor that grows
 * past CAPTURE_CHARS has its head and the text before it copied out, before the ring overwrites them.
 */
import { headWords, isSpace } from './text.js';
import type { VisibleText } from './visible-text.js';

interface ContextTarget {
  anchor: string;
  context: string;
}

interface Waiting {
  target: ContextTarget;
  /** Ring positions where the link's text starts and ends. */
  start: number;
  end: number;
  /** Text before the link, when it had to be copied out early. */
  before: string | null;
  /** The anchor to show when it is not the page text between start and end (image alt, long anchor). */
  shown: string | null;
  /** Fill target.anchor too, from the same read as the context (closeTextLink). */
  fillAnchor: boolean;
}

const RING_CHARS = 1024; // a power of two
const RING_MASK = RING_CHARS - 1;
/** Copy out the head of an anchor (and the text before it) once it is this long. */
const CAPTURE_CHARS = 600;
/** Anchors longer than this are shown cut in the context. */
const CONTEXT_ANCHOR_CHARS = 100;

export class ContextTracker {
  private readonly ring = new Uint16Array(RING_CHARS);
  /** The ring's bytes, for decoding a slice natively (Buffer#toString('utf16le')). */
  private readonly ringBytes = Buffer.from(this.ring.buffer);
  /** Characters written so far (collapsed); the ring index is pos & RING_MASK. */
  private pos = 0;
  private lastSpace = true;
  private readonly queue: Waiting[] = [];
  private head = 0;
  /** Position at which append must call checkpoint(): a waiting link is ready, or an anchor needs copying. */
  private nextCheck = Infinity;

  // The open link, if any.
  private openStart = -1;
  private openBefore: string | null = null;
  private openHead: string | null = null;

  constructor(
    private readonly sideChars: number,
    private readonly anchorMaxChars: number,
  ) {}

  /** Append raw page text. */
  append(raw: string): void {
    const ring = this.ring;
    let pos = this.pos;
    let lastSpace = this.lastSpace;
    let nextCheck = this.nextCheck;
    const n = raw.length;
    for (let i = 0; i < n; i++) {
      let c = raw.charCodeAt(i);
      if ((c <= 32 || c >= 160) && isSpace(c)) {
        if (lastSpace) continue;
        c = 32;
        lastSpace = true;
      } else {
        lastSpace = false;
      }
      ring[pos & RING_MASK] = c;
      pos++;
      if (pos >= nextCheck) {
        this.pos = pos;
        this.checkpoint();
        nextCheck = this.nextCheck;
      }
    }
    this.pos = pos;
    this.lastSpace = lastSpace;
  }

  /**
   * append(raw) and visible.add(raw) in one pass over the characters: most page text is both
   * link context and visible footprint text, and the scan is the costly part of either.
   */
  appendVisible(raw: string, visible: VisibleText): void {
    const ring = this.ring;
    let pos = this.pos;
    let lastSpace = this.lastSpace;
    let nextCheck = this.nextCheck;
    // VisibleText.add's loop, merged in.
    const startInWord = visible.inWord;
    let inWord = startInWord;
    let words = visible.words;
    let dirty = false;
    const n = raw.length;
    for (let i = 0; i < n; i++) {
      let c = raw.charCodeAt(i);
      if ((c <= 32 || c >= 160) && isSpace(c)) {
        if (c !== 32 || !inWord) dirty = true;
        inWord = false;
        if (lastSpace) continue;
        c = 32;
        lastSpace = true;
      } else {
        if (!inWord) {
          inWord = true;
          words++;
        }
        lastSpace = false;
      }
      ring[pos & RING_MASK] = c;
      pos++;
      if (pos >= nextCheck) {
        this.pos = pos;
        this.checkpoint();
        nextCheck = this.nextCheck;
      }
    }
    this.pos = pos;
    this.lastSpace = lastSpace;
    visible.commit(raw, startInWord, inWord, words, dirty);
  }

  /** A link starts here; its anchor is the text appended until closeLink(). */
  openLink(): void {
    this.openStart = this.pos;
    this.openBefore = null;
    this.openHead = null;
    this.updateNextCheck();
  }

  /** The open link's anchor text: collapsed, trimmed, at most anchorMaxChars. */
  anchorText(): string {
    if (this.openStart < 0) return '';
    const text = this.openHead ?? this.read(this.openStart, this.pos);
    return cut(text.trim(), this.anchorMaxChars);
  }

  /**
   * Close the open link and have `target.context` filled once enough text follows.
   * @param shown what to show as the anchor when it is not the page text (an image's alt), or null
   */
  closeLink(target: ContextTarget, shown: string | null): void {
    const start = this.openStart < 0 ? this.pos : this.openStart;
    let s = shown;
    if (s === null && (this.openHead !== null || this.pos - start > CONTEXT_ANCHOR_CHARS)) {
      s = headWords(this.anchorText(), CONTEXT_ANCHOR_CHARS);
    }
    this.queue.push({ target, start, end: this.pos, before: this.openBefore, shown: s, fillAnchor: false });
    this.openStart = -1;
    this.openBefore = null;
    this.openHead = null;
    this.updateNextCheck();
  }

  /** The open link has no text (none, or only a space), so that its anchor would be ''. */
  anchorIsBlank(): boolean {
    if (this.openStart < 0) return true;
    const n = this.pos - this.openStart;
    // The ring holds collapsed text: blank is nothing or one space.
    return n === 0 || (n === 1 && this.ring[this.openStart & RING_MASK] === 32);
  }

  /**
   * closeLink(target, null), and set `target.anchor` to anchorText(). A short anchor (the common
   * case) is taken from the context's read of the ring when the link settles, instead of a read of
   * its own now.
   */
  closeTextLink(target: ContextTarget): void {
    const start = this.openStart < 0 ? this.pos : this.openStart;
    let shown: string | null = null;
    let fillAnchor = true;
    if (this.openHead !== null || this.pos - start > CONTEXT_ANCHOR_CHARS) {
      const anchor = this.anchorText();
      target.anchor = anchor;
      shown = headWords(anchor, CONTEXT_ANCHOR_CHARS);
      fillAnchor = false;
    }
    this.queue.push({ target, start, end: this.pos, before: this.openBefore, shown, fillAnchor });
    this.openStart = -1;
    this.openBefore = null;
    this.openHead = null;
    this.updateNextCheck();
  }

  /** A link with no text of its own (an `<area>`): context from the text around this point. */
  pointLink(target: ContextTarget, shown: string): void {
    this.queue.push({ target, start: this.pos, end: this.pos, before: null, shown, fillAnchor: false });
    this.updateNextCheck();
  }

  /** Settle every waiting link with the text there is. */
  finishAll(): void {
    while (this.head < this.queue.length) this.settle(this.queue[this.head++]!);
    this.queue.length = 0;
    this.head = 0;
    this.nextCheck = Infinity;
  }

  private checkpoint(): void {
    if (this.openStart >= 0 && this.openHead === null && this.pos - this.openStart >= CAPTURE_CHARS) {
      this.openBefore = this.readBefore(this.openStart);
      this.openHead = this.read(this.openStart, this.openStart + this.anchorMaxChars + 1);
    }
    while (this.head < this.queue.length) {
      const w = this.queue[this.head]!;
      // NOTE: one character beyond the side is needed to know whether the last word is whole.
      if (this.pos - w.end <= this.sideChars) break;
      this.settle(w);
      this.head++;
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    this.updateNextCheck();
  }

  private updateNextCheck(): void {
    let next = this.head < this.queue.length ? this.queue[this.head]!.end + this.sideChars + 1 : Infinity;
    if (this.openStart >= 0 && this.openHead === null) next = Math.min(next, this.openStart + CAPTURE_CHARS);
    this.nextCheck = next;
  }

  private settle(w: Waiting): void {
    const side = this.sideChars;
    const end = Math.min(this.pos, w.end + side);
    const from = Math.max(0, w.start - side);
    let context: string;
    if (w.shown === null && w.before === null && from >= this.pos - RING_CHARS) {
      // The common case: one read of the page text around the link.
      const text = this.read(from, end);
      // Cut partial words at both ends, but never into the anchor itself.
      let a = 0;
      let b = text.length;
      if (end < this.pos && !isSpace(this.ring[end & RING_MASK]!)) {
        const sp = text.lastIndexOf(' ');
        b = sp >= w.end - from ? sp : w.end - from;
      }
      if (from > 0 && !isSpace(this.ring[(from - 1) & RING_MASK]!)) {
        const sp = text.indexOf(' ');
        a = sp !== -1 && sp < w.start - from ? sp + 1 : w.start - from;
      }
      context = text.slice(a, b).trim();
      // NOTE: only anchors of at most CONTEXT_ANCHOR_CHARS are filled here, so no cut is needed.
      if (w.fillAnchor) w.target.anchor = text.slice(w.start - from, w.end - from).trim();
    } else {
      if (w.fillAnchor) w.target.anchor = this.read(w.start, w.end).trim();
      const before = w.before ?? (from >= this.pos - RING_CHARS ? this.readBefore(w.start) : '');
      let after = this.read(w.end, end);
      if (end < this.pos && !isSpace(this.ring[end & RING_MASK]!)) after = dropLastWord(after);
      context = join(join(before, w.shown ?? ''), after.trim());
    }
    w.target.context = context;
  }

  /** Up to sideChars of text before `start`, from a word start. */
  private readBefore(start: number): string {
    const from = Math.max(0, start - this.sideChars);
    const text = this.read(from, start);
    return (from > 0 && !isSpace(this.ring[(from - 1) & RING_MASK]!) ? dropFirstWord(text) : text).trim();
  }


  /** The text between two positions (both within RING_CHARS of pos). */
  private read(from: number, to: number): string {
    if (to <= from) return '';
    const a = from & RING_MASK;
    const b = to & RING_MASK;
    if (a < b) return this.ringBytes.toString('utf16le', a * 2, b * 2);
    return this.ringBytes.toString('utf16le', a * 2) + this.ringBytes.toString('utf16le', 0, b * 2);
  }
}

function dropFirstWord(s: string): string {
  const sp = s.indexOf(' ');
  return sp === -1 ? '' : s.slice(sp + 1);
}

function dropLastWord(s: string): string {
  const sp = s.lastIndexOf(' ');
  return sp === -1 ? '' : s.slice(0, sp);
}

function join(a: string, b: string): string {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return a + ' ' + b;
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end).trimEnd();
}
