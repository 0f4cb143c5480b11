/** Hosts of social networks whose links are profiles of the site that links to them. */
export const SOCIAL_HOSTS: Record<string, string> = {
  'twitter.com': 'x',
  'x.com': 'x',
  'linkedin.com': 'linkedin',
  'facebook.com': 'facebook',
  'instagram.com': 'instagram',
  'youtube.com': 'youtube',
  'github.com': 'github',
  'tiktok.com': 'tiktok',
  'pinterest.com': 'pinterest',
  'bsky.app': 'bluesky',
  'threads.net': 'threads',
  'mastodon.social': 'mastodon',
};

/** Share buttons and intents are not profiles. */
const NOT_PROFILE = /^\/(share|sharer|intent|home|login|search|hashtag|dialog|shareArticle|watch)\b/i;

/** The network of a profile URL, or null when it is not a social profile. */
export function socialNetwork(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const network = SOCIAL_HOSTS[host];
  if (network === undefined || u.pathname.length <= 1 || NOT_PROFILE.test(u.pathname)) return null;
  return network;
}

/** Contact and about pages, by their path. */
export const CONTACT_PATH = /\/(contact|contact-us|about|about-us|impressum|imprint|team|write-for-us|advertise)(\/|\.html?$|$)/i;
