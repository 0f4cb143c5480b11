import type { AnchorVocabulary } from './anchor-vocabulary.js';
import { anchorWords, foldWord, isAscii } from './internal/anchor-words.js';

/**
 * Anchor text classes, the usual vocabulary of anchor-profile analysis:
 * - `image-or-empty`: an image link, or a text link with no text;
 * - `naked-url`: the anchor is a URL or a bare host name (`acme.com`, `https://www.acme.com/p/1`);
 * - `branded`: contains a brand term (as whole words, or squashed: `acme shop` matches `AcmeShop`, `acme-shop`);
 * - `exact-match`: is one of the keywords, word for word;
 * - `partial-match`: contains a keyword phrase, or a significant keyword word (4+ letters, plural folded);
 * - `generic`: a navigational phrase with no topic ("click here", "this website", "read more");
 * - `other`: anything else (a descriptive anchor about something unrelated to the keywords).
 * The first class that applies wins, in that order.
 */
export type AnchorClass = 'branded' | 'exact-match' | 'partial-match' | 'generic' | 'naked-url' | 'image-or-empty' | 'other';

export const ANCHOR_CLASSES: readonly AnchorClass[] = ['branded', 'exact-match', 'partial-match', 'generic', 'naked-url', 'image-or-empty', 'other'];

const GENERIC = new Set([
  'click here', 'click', 'here', 'this', 'this link', 'link', 'this site', 'site', 'website', 'web site', 'this website',
  'the website', 'their website', 'our website', 'his website', 'her website', 'their site', 'official site', 'official website',
  'homepage', 'home page', 'home', 'visit', 'visit site', 'visit website', 'visit us', 'go', 'go here', 'read more', 'more',
  'learn more', 'more info', 'more information', 'find out more', 'details', 'see more', 'view', 'view more', 'see here',
  'continue reading', 'check it out', 'check this out', 'source', 'via', 'this page', 'page', 'url', 'here is the link',
  'click this link', 'follow this link', 'this article', 'article', 'this post', 'post', 'shop now', 'buy now',
]);
const NAKED_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}\.?(?::\d{1,5})?(?:[/?#]\S*)?$/u;

/**
 * The class of one anchor text, given the target's brand terms and keywords.
 * @example classifyAnchor('Buy cheap widgets!', anchorVocabulary(['acme'], ['buy cheap widgets'])) // 'exact-match'
 */
export function classifyAnchor(anchor: string, vocabulary: AnchorVocabulary, image = false): AnchorClass {
  const raw = (isAscii(anchor) ? anchor : anchor.normalize('NFKC')).trim().toLowerCase();
  const words = anchorWords(raw);
  if (image || words.length === 0) return 'image-or-empty';
  if (NAKED_URL.test(raw)) return 'naked-url';
  const padded = ` ${words} `;
  const squashed = words.replaceAll(' ', '');
  if (vocabulary.brandWords.some((b) => padded.includes(` ${b} `)) || vocabulary.brandSquashed.some((b) => squashed.includes(b))) return 'branded';
  if (vocabulary.keywordWords.has(words)) return 'exact-match';
  if (vocabulary.keywordPhrases.some((k) => padded.includes(` ${k} `))) return 'partial-match';
  if (words.split(' ').some((w) => vocabulary.keywordTokens.has(foldWord(w)))) return 'partial-match';
  if (GENERIC.has(words)) return 'generic';
  return 'other';
}
