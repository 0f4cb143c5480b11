import { Parser } from 'htmlparser2';
import type { Contact } from './find-contacts.js';
import { mergeContacts } from './find-contacts.js';
import { extractEmails, mailtoAddress } from './extract-emails.js';
import { CONTACT_PATH, socialNetwork } from './social-profile.js';

/** Elements whose content is not visible text. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Contacts of one HTML page: mailto links, addresses in the visible text (scripts, styles and
 * attributes such as image file names are never read as text), social profile links, and the page
 * itself when it is a contact or about page.
 * @example extractContactsFromHtml('<a href="mailto:a@b.org">write</a>', 'http://b.org/contact')
 */
export function extractContactsFromHtml(html: string, pageUrl: string): Contact[] {
  const found: Contact[] = [];
  const text: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (HIDDEN.has(name)) hidden++;
        if (name !== 'a' || attrs.href === undefined) return;
        const href = attrs.href.trim();
        if (/^mailto:/i.test(href)) {
          const address = mailtoAddress(href);
          if (address !== null) found.push({ type: 'email', value: address, pageUrl, how: 'mailto' });
          return;
        }
        let abs: string;
        try {
          abs = new URL(href, pageUrl).href;
        } catch {
          return;
        }
        const network = socialNetwork(abs);
        if (network !== null) found.push({ type: 'social', value: abs, pageUrl, how: 'profile', network });
      },
      ontext(data) {
        if (hidden === 0) text.push(data);
      },
      onclosetag(name) {
        if (HIDDEN.has(name) && hidden > 0) hidden--;
        if (name === 'p' || name === 'div' || name === 'li' || name === 'br') text.push(' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  for (const e of extractEmails(text.join(' ').replace(/\s+/g, ' '))) found.push({ type: 'email', value: e.address, pageUrl, how: e.how });
  if (CONTACT_PATH.test(new URL(pageUrl).pathname)) found.push({ type: 'page', value: pageUrl, pageUrl, how: 'page' });
  return mergeContacts(found);
}
