/**
 * TLDs and domain-name patterns that spam favours. The TLDs are those that abuse trackers keep
 * ranking as the most abused (Spamhaus "The 10 most abused top level domains", Interisle's Phishing
 * Landscape and Cybercrime Supply reports, 2021–2024), mostly because they are free or very cheap to
 * register in bulk. Strength is how much of the `suspicious-tld` weight an entry carries: a TLD is
 * a weak hint on its own, which is why the marker's weight is low.
 */
export interface SuspiciousEntry {
  /** A TLD (without dot) or a RegExp over the registrable domain's name part. */
  match: string | RegExp;
  strength: number;
  why: string;
}

export const SUSPICIOUS_TLDS: readonly SuspiciousEntry[] = [
  ...['tk', 'ml', 'ga', 'cf', 'gq'].map((tld) => ({ match: tld, strength: 1, why: 'free-registration TLD (Freenom), heavily abused' })),
  ...['xyz', 'top', 'click', 'loan', 'work', 'buzz', 'rest', 'icu', 'cyou', 'cfd', 'sbs', 'monster', 'bond', 'quest', 'zip', 'mov', 'link', 'pw', 'surf', 'cam', 'country', 'kim', 'science', 'party', 'review', 'trade', 'date', 'racing', 'win', 'bid', 'stream', 'download', 'accountant', 'faith', 'cricket', 'webcam', 'men', 'gdn'].map((tld) => ({
    match: tld,
    strength: 0.8,
    why: 'cheap TLD among the most abused for spam and phishing',
  })),
];

/** Name patterns: words that link sellers, directories and casinos put in their domains, and machine-made names. */
export const SUSPICIOUS_PATTERNS: readonly SuspiciousEntry[] = [
  { match: /(^|[-.])(seo|backlinks?|links?|linkhub|directory|submit|indexing|rank(ing)?)([-.]|$)/, strength: 1, why: 'link-selling or directory word in the name' },
  { match: /(casino|poker|viagra|cialis|porn|xxx|escort|payday|loans?|replica)/, strength: 1, why: 'a word of the classic spam verticals' },
  { match: /\d{4,}/, strength: 0.6, why: 'a run of four or more digits' },
  { match: /^[a-z0-9]+(-[a-z0-9]+){3,}$/, strength: 0.6, why: 'four or more hyphenated words' },
];
