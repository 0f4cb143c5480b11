import { anchorWords, foldWord } from './internal/anchor-words.js';

/** Brand terms and keywords, prepared once by {@link anchorVocabulary} for many anchors. */
export interface AnchorVocabulary {
  brandWords: string[];
  brandSquashed: string[];
  keywordWords: Set<string>;
  keywordPhrases: string[];
  keywordTokens: Set<string>;
}

/** Words too common in commercial keywords to mark an anchor as partial-match on their own. */
const STOPWORDS = new Set(['the', 'and', 'for', 'with', 'from', 'this', 'that', 'your', 'best', 'online', 'cheap', 'free', 'sale', 'shop', 'store', 'site']);

/** Prepare brand terms and keywords for {@link classifyAnchor}. */
export function anchorVocabulary(brandTerms: readonly string[], keywords: readonly string[]): AnchorVocabulary {
  const brandWords = [...new Set(brandTerms.map(anchorWords).filter((w) => w.length > 0))];
  const keywordPhrases = [...new Set(keywords.map(anchorWords).filter((w) => w.length > 0))];
  const keywordTokens = new Set(keywordPhrases.flatMap((k) => k.split(' ')).filter((w) => w.length >= 4 && !STOPWORDS.has(w)).map(foldWord));
  return {
    brandWords,
    brandSquashed: brandWords.map((w) => w.replaceAll(' ', '')).filter((w) => w.length >= 4),
    keywordWords: new Set(keywordPhrases),
    keywordPhrases,
    keywordTokens,
  };
}

