/**
 * The page's visible text for its footprint: whitespace-collapsed as it arrives, cut at
 * TEXT_MAX_CHARS, with every word counted (past the cut too).
 *
 * The text is what `collapse(join(pieces)).trim()` would give, where the pieces are the raw text
 * and a space at each block boundary, but built as it goes: a piece that is already collapsed
 * (most are) is kept as it is, and only pieces with line breaks, tabs or double spaces are
 * rewritten, so the page's text is never scanned a second time. Like the join it replaces, it keeps
 * the pieces that arrive until TEXT_MAX_CHARS * 2 raw characters have been seen.
 */
import { collapseRuns, cutAt, isSpace } from './text.js';

export const TEXT_MAX_CHARS = 20_000;
const KEEP_RAW_CHARS = TEXT_MAX_CHARS * 2;

export class VisibleText {
  /** Words seen so far. */
  words = 0;
  /** The last character kept is not a space (so the next space is kept, and a word is under way). */
  inWord = false;
  private readonly pieces: string[] = [];
  private kept = 0;

  /** Append raw text. */
  add(data: string): void {
    const startInWord = this.inWord;
    let inWord = startInWord;
    let words = this.words;
    // A piece needs rewriting when it has a space that collapsing would drop or change.
    let dirty = false;
    const n = data.length;
    for (let i = 0; i < n; i++) {
      const c = data.charCodeAt(i);
      if ((c <= 32 || c >= 160) && isSpace(c)) {
        if (c !== 32 || !inWord) dirty = true;
        inWord = false;
      } else if (!inWord) {
        inWord = true;
        words++;
      }
    }
    this.commit(data, startInWord, inWord, words, dirty);
  }

  /**
   * Record `data` as scanned by add()'s loop (or a copy of it that does other work in the same pass,
   * see ContextTracker.appendVisible): the state before and after it, and whether it needs collapsing.
   */
  commit(data: string, startInWord: boolean, inWord: boolean, words: number, dirty: boolean): void {
    this.inWord = inWord;
    this.words = words;
    if (this.kept < KEEP_RAW_CHARS) {
      this.pieces.push(dirty ? collapsePiece(data, startInWord) : data);
      this.kept += data.length;
    }
  }

  /** A block boundary: a word break. */
  boundary(): void {
    if (this.inWord && this.kept < KEEP_RAW_CHARS) this.pieces.push(' ');
    this.inWord = false;
  }

  /** The collapsed, trimmed text, at most TEXT_MAX_CHARS characters. */
  text(): string {
    let s = this.pieces.join('');
    // Collapsed pieces never start the text with a space, and end it with at most one.
    if (s.length > 0 && s.charCodeAt(s.length - 1) === 32) s = s.slice(0, -1);
    return cutAt(s, TEXT_MAX_CHARS);
  }
}

/** `data` collapsed, without its leading space when the text so far ends in one (or is empty). */
function collapsePiece(data: string, afterWord: boolean): string {
  const s = collapseRuns(data);
  return !afterWord && s.charCodeAt(0) === 32 ? s.slice(1) : s;
}
