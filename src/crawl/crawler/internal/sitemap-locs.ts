/**
 * The URLs a sitemap lists (sitemaps.org protocol 0.9): `<urlset><url><loc>` pages, or
 * `<sitemapindex><sitemap><loc>` child sitemaps; gzip-compressed files (by their magic bytes,
 * whatever the Content-Type says); and plain-text sitemaps of one URL a line. Parsing is
 * lenient (htmlparser2 in XML mode) and bounded: at most `maxUrls` locs, at most
 * `maxDecodedBytes` after gunzip.
 */
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

export interface SitemapLocs {
  kind: 'urlset' | 'index' | 'text';
  locs: string[];
  /** Set when the file was cut short by one of the caps, or could not be decompressed. */
  problem: 'too-many-urls' | 'too-large' | 'bad-gzip' | null;
}

export const SITEMAP_LIMITS = { maxUrls: 50_000, maxDecodedBytes: 50 * 1024 * 1024 };

export function sitemapLocs(body: Buffer, limits: Partial<typeof SITEMAP_LIMITS> = {}): SitemapLocs {
  const maxUrls = limits.maxUrls ?? SITEMAP_LIMITS.maxUrls;
  const maxDecodedBytes = limits.maxDecodedBytes ?? SITEMAP_LIMITS.maxDecodedBytes;
  let bytes = body;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxDecodedBytes });
    } catch (err) {
      const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
      return { kind: 'urlset', locs: [], problem: tooLarge ? 'too-large' : 'bad-gzip' };
    }
  }
  const text = bytes.toString('utf8');
  if (!/^\s*(\uFEFF)?\s*</.test(text)) {
    const locs = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^https?:\/\//i.test(l));
    return { kind: 'text', locs: locs.slice(0, maxUrls), problem: locs.length > maxUrls ? 'too-many-urls' : null };
  }
  let kind: SitemapLocs['kind'] = 'urlset';
  let rootSeen = false;
  let inLoc = false;
  let current = '';
  const locs: string[] = [];
  let problem: SitemapLocs['problem'] = null;
  const local = (name: string): string => name.slice(name.indexOf(':') + 1).toLowerCase();
  const parser = new Parser(
    {
      onopentag(name) {
        const tag = local(name);
        if (!rootSeen) {
          rootSeen = true;
          if (tag === 'sitemapindex') kind = 'index';
        }
        if (tag === 'loc') {
          inLoc = true;
          current = '';
        }
      },
      ontext(data) {
        if (inLoc) current += data;
      },
      onclosetag(name, isImplied) {
        if (local(name) !== 'loc' || !inLoc) return;
        inLoc = false;
        // A <loc> closed only by the end of a truncated file may be cut short.
        if (isImplied) return;
        const loc = current.trim();
        if (loc === '') return;
        if (locs.length >= maxUrls) problem = 'too-many-urls';
        else locs.push(loc);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  return { kind, locs, problem };
}
