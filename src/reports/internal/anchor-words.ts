/** Lower-case words: letters and digits only, single-spaced. */
export function anchorWords(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Fold a plural so `widgets` meets `widget`. */
export function foldWord(word: string): string {
  return word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
}
