/** Words too common to say anything about a page's topic. */
const STOP = new Set(['the', 'and', 'for', 'with', 'you', 'your', 'our', 'are', 'from', 'this', 'that', 'www', 'http', 'https', 'com', 'net', 'org', 'test', 'online']);

/** A crude singular: `widgets` and `widget` are the same word for relevance. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** Lower-case words of at least 3 letters or digits, without stop words, singular. */
export function termWords(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of terms) for (const w of t.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3 && !STOP.has(w)) out.add(stem(w));
  return [...out];
}

/**
 * Relevance 0-1 of a text to the target: the share of the target's term words (keywords and
 * brand terms, see termWords) that occur in it as whole words, singular or plural. With no terms it is 0.
 */
export function relevance(text: string, words: readonly string[]): number {
  if (words.length === 0) return 0;
  const have = new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).map(stem));
  let hits = 0;
  for (const w of words) if (have.has(w)) hits++;
  return Math.round((hits / words.length) * 1000) / 1000;
}
