/**
 * A small, independent link extractor for the demo web's tests: htmlparser2 over the served
 * bytes, written apart from the generator so that it checks the truth against what is really
 * served rather than against the model the truth came from.
 */
import { Parser } from 'htmlparser2';
import { tryCanonicalizeUrl } from '../../src/core/canonicalize-url.js';

export interface RefLink {
  kind: 'a' | 'img' | 'canonical' | 'meta-refresh' | 'link-header';
  dstUrl: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  metaNofollow: boolean;
  position: string;
  hidden: boolean;
}

const LANDMARKS = new Set(['header', 'nav', 'main', 'aside', 'footer']);

function hides(style: string | undefined): boolean {
  if (style === undefined) return false;
  return /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0+(\.0+)?(px|em|rem|pt|%)?\s*(;|!|$)/i.test(style);
}

// NOTE: Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as C1 controls (Latin-1), so map them here.
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decode(body: Buffer, charset: string): string {
  if (charset !== 'windows-1252') return new TextDecoder(charset).decode(body);
  let out = '';
  for (const b of body) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** The charset a page declares in its first 1024 bytes, else the header's, else utf-8. */
export function sniffCharset(body: Buffer, contentType: string | undefined): string {
  const head = body.subarray(0, 1024).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  if (m) return (m[1] as string).toLowerCase();
  const h = /charset=([\w-]+)/i.exec(contentType ?? '');
  return h ? (h[1] as string).toLowerCase() : 'utf-8';
}

/** Links of an HTML page as a careful crawler sees them. */
export function referenceLinks(url: string, body: Buffer, headers: Record<string, string | string[] | undefined>): RefLink[] {
  const contentType = headers['content-type'] as string | undefined;
  const html = decode(body, sniffCharset(body, contentType));
  const stack: { tag: string; hidden: boolean }[] = [];
  const out: RefLink[] = [];
  let base = url;
  let metaNofollow = /(^|[\s,])(nofollow|none)($|[\s,])/i.test(String(headers['x-robots-tag'] ?? ''));
  let open: { href: string; rel: string; hidden: boolean; position: string; text: string; alt: string | null } | null = null;
  const heads: { kind: RefLink['kind']; href: string; against: 'base' | 'url' }[] = [];
  const linkHeader = headers.link as string | undefined;
  if (linkHeader) {
    const m = /^<([^>]+)>\s*;\s*rel="?canonical"?/i.exec(linkHeader);
    if (m) heads.push({ kind: 'link-header', href: m[1] as string, against: 'url' });
  }
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parentHidden = stack.length > 0 && (stack[stack.length - 1] as { hidden: boolean }).hidden;
        const hidden = parentHidden || hides(attrs.style);
        stack.push({ tag: name, hidden });
        if (name === 'base' && attrs.href !== undefined) base = tryCanonicalizeUrl(attrs.href, url) ?? url;
        if (name === 'meta' && (attrs.name ?? '').toLowerCase() === 'robots' && /(^|[\s,])(nofollow|none)($|[\s,])/i.test(attrs.content ?? '')) metaNofollow = true;
        if (name === 'meta' && (attrs['http-equiv'] ?? '').toLowerCase() === 'refresh') {
          const m = /url\s*=\s*(.+)$/i.exec(attrs.content ?? '');
          if (m) heads.push({ kind: 'meta-refresh', href: (m[1] as string).trim(), against: 'base' });
        }
        if (name === 'link' && (attrs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && attrs.href !== undefined) heads.push({ kind: 'canonical', href: attrs.href, against: 'base' });
        if (name === 'a' && attrs.href !== undefined) {
          let position = 'body';
          for (let i = stack.length - 1; i >= 0; i--) {
            const tag = (stack[i] as { tag: string }).tag;
            if (LANDMARKS.has(tag)) {
              position = tag;
              break;
            }
          }
          open = { href: attrs.href, rel: attrs.rel ?? '', hidden, position, text: '', alt: null };
        }
        if (name === 'img' && open !== null) open.alt = attrs.alt ?? '';
      },
      ontext(text) {
        if (open !== null) open.text += text;
      },
      onclosetag(name) {
        stack.pop();
        if (name !== 'a' || open === null) return;
        const a = open;
        open = null;
        const dst = tryCanonicalizeUrl(a.href, base);
        if (dst === null) return;
        const rel = new Set(a.rel.toLowerCase().split(/[\s,]+/));
        out.push({
          kind: a.alt !== null ? 'img' : 'a',
          dstUrl: dst,
          anchor: (a.alt ?? a.text).replace(/\s+/g, ' ').trim(),
          nofollow: rel.has('nofollow'),
          ugc: rel.has('ugc'),
          sponsored: rel.has('sponsored'),
          metaNofollow: false,
          position: a.position,
          hidden: a.hidden,
        });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  for (const h of heads) {
    const dst = tryCanonicalizeUrl(h.href, h.against === 'base' ? base : url);
    if (dst !== null) out.push({ kind: h.kind, dstUrl: dst, anchor: '', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'body', hidden: false });
  }
  for (const l of out) l.metaNofollow = metaNofollow;
  return out;
}
