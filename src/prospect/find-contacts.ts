import type { Store } from '../store/index.js';
import { extractEmails, mailtoAddress } from './extract-emails.js';
import { dialectSql } from './internal/dialect-sql.js';
import { CONTACT_PATH, SOCIAL_HOSTS, socialNetwork } from './social-profile.js';

/** A way to reach a site, found on one of its crawled pages. */
export interface Contact {
  type: 'email' | 'social' | 'page';
  /** The address (lower case), the profile URL, or the contact page URL. */
  value: string;
  /** The page it was found on. */
  pageUrl: string;
  how: 'mailto' | 'text' | 'obfuscated' | 'profile' | 'page';
  /** Social network, for profiles. */
  network?: string;
}

/** Merge contacts found page by page: one per (type, value), the first page and the plainest way kept. */
export function mergeContacts(found: readonly Contact[]): Contact[] {
  const rank = { mailto: 0, text: 1, obfuscated: 2, profile: 3, page: 4 } as const;
  const out = new Map<string, Contact>();
  for (const c of found) {
    const key = `${c.type} ${c.value}`;
    const had = out.get(key);
    if (had === undefined || rank[c.how] < rank[had.how]) out.set(key, c);
  }
  const order = { email: 0, social: 1, page: 2 } as const;
  return [...out.values()].sort((a, b) => order[a.type] - order[b.type] || a.value.localeCompare(b.value));
}

/**
 * Contacts of a domain from its crawled pages: mailto links (pages.mailtos), addresses in the page
 * text (plain or obfuscated; the text never includes scripts), social profiles it links to, and
 * its contact and about pages. Only what the pages say: no address is ever guessed. robots.txt is
 * respected because only crawled pages are read.
 */
export async function findContacts(store: Store, domain: string): Promise<Contact[]> {
  const pages = await store.all<{ url: string; text: string | null; mailtos: string[] | null }>(
    `SELECT url, text, mailtos FROM pages WHERE domain = $1 AND status BETWEEN 200 AND 299 ORDER BY url`,
    [domain],
  );
  const found: Contact[] = [];
  for (const p of pages) {
    for (const m of p.mailtos ?? []) {
      const address = mailtoAddress(m.includes(':') ? m : `mailto:${m}`);
      if (address !== null) found.push({ type: 'email', value: address, pageUrl: p.url, how: 'mailto' });
    }
    if (p.text) for (const e of extractEmails(p.text)) found.push({ type: 'email', value: e.address, pageUrl: p.url, how: e.how });
    if (CONTACT_PATH.test(new URL(p.url).pathname)) found.push({ type: 'page', value: p.url, pageUrl: p.url, how: 'page' });
  }
  const social = await store.all<{ src_url: string; dst_url: string }>(
    `SELECT src_url, dst_url FROM links WHERE src_domain = $1 AND lost_at IS NULL AND kind = 'a' AND ${dialectSql(store.dialect).has('$2', 'dst_domain')} ORDER BY src_url, dst_url`,
    [domain, Object.keys(SOCIAL_HOSTS)],
  );
  for (const l of social) {
    const network = socialNetwork(l.dst_url);
    if (network !== null) found.push({ type: 'social', value: l.dst_url, pageUrl: l.src_url, how: 'profile', network });
  }
  return mergeContacts(found);
}
