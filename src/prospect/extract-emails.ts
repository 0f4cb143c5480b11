/**
 * Email addresses written in text, including the common obfuscations (`name [at] domain [dot] com`,
 * `name(at)domain.com`, `name {at} domain {dot} com`). Only addresses that are really written are
 * returned: nothing is guessed. Image and asset file names that look like addresses
 * (`logo@2x.png`) are rejected.
 */

export interface FoundEmail {
  /** Lower case. */
  address: string;
  how: 'text' | 'obfuscated';
}

/** Top-level "domains" that are file extensions: `logo@2x.png` is an image, not an address. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp', 'tif', 'tiff', 'css', 'js', 'mjs', 'json', 'map', 'mp4', 'webm', 'mp3', 'woff', 'woff2', 'ttf', 'pdf', 'zip']);

const ADDRESS = /(?<![\w.%+-])([a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_%+-])?)@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62})(?![\w@-]|\.[a-z0-9])/gi;
/**
 * NOTE: ADDRESS is global, for matchAll, and nothing may exec it: matchAll starts its copy at the
 * original's lastIndex, so a leftover lastIndex would skip the start of the next text.
 */
const ONE_ADDRESS = new RegExp(ADDRESS.source, 'i');
const AT = /\s*[[({<]\s*at\s*[\])}>]\s*/gi;
const DOT = /\s*[[({<]\s*dot\s*[\])}>]\s*/gi;

/** Whether a string is a plausible address (and not a file name). */
export function isEmailAddress(value: string): boolean {
  const m = ONE_ADDRESS.exec(value);
  if (m === null || m[0].length !== value.length) return false;
  const tld = (m[2] as string).split('.').pop() as string;
  return !FILE_EXTENSIONS.has(tld.toLowerCase()) && !/^\d+x$/i.test((m[2] as string).split('.')[0] as string);
}

function scan(text: string, how: FoundEmail['how'], out: Map<string, FoundEmail>): void {
  for (const m of text.matchAll(ADDRESS)) {
    const address = m[0].toLowerCase();
    if (isEmailAddress(address) && !out.has(address)) out.set(address, { address, how });
  }
}

/**
 * Addresses in a text, plain first, then de-obfuscated ones not already found plainly.
 * @example extractEmails('tips [at] example [dot] org') // [{ address: 'tips@example.org', how: 'obfuscated' }]
 */
export function extractEmails(text: string): FoundEmail[] {
  const out = new Map<string, FoundEmail>();
  scan(text, 'text', out);
  if (/[[({<]\s*at\s*[\])}>]/i.test(text)) scan(text.replace(AT, '@').replace(DOT, '.'), 'obfuscated', out);
  return [...out.values()];
}

/** The address of a `mailto:` href (the first one, without the query), or null when it holds none. */
export function mailtoAddress(href: string): string | null {
  let rest = href.trim().replace(/^mailto:/i, '');
  const q = rest.indexOf('?');
  if (q !== -1) rest = rest.slice(0, q);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return null;
  }
  const first = (rest.split(',')[0] ?? '').trim().toLowerCase();
  return isEmailAddress(first) ? first : null;
}
