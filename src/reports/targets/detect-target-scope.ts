import { tryCanonicalizeUrl } from '../../core/canonicalize-url.js';
import { ValidationError } from '../../core/errors.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import type { TargetScope } from '../../core/types.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function invalid(value: string, why: string): ValidationError {
  return new ValidationError(`Invalid parameter value: ${JSON.stringify(value)} ${why}`, [{ where: 'value', message: why }], { code: 'INVALID_URL' });
}

/**
 * Work out what a target value means, and normalise it the way links are stored.
 *
 * Without `scope`: a bare registrable domain (`shop.com`) is `domain` (every host under it); any
 * other bare host (`www.shop.com`, `blog.shop.com`) is `host`; a URL of a site's root is `host`;
 * a URL whose path ends in `/` is `prefix`; any other URL is `exact`. A value without a scheme but
 * with a path (`shop.com/blog/`) is read as `http://…`.
 * With `scope`, the value is coerced to it: `domain` keeps the registrable domain of its host,
 * `host` the host, `prefix` and `exact` the canonical URL.
 * @throws ValidationError (INVALID_URL) when the value is neither a host nor an http(s) URL.
 * @example detectTargetScope('https://Shop.com/blog/') // { scope: 'prefix', value: 'https://shop.com/blog/' }
 */
export function detectTargetScope(raw: string, scope?: TargetScope): { scope: TargetScope; value: string } {
  const value = raw.trim();
  if (value.length === 0) throw invalid(raw, 'is empty');
  const hasScheme = SCHEME.test(value);
  if (hasScheme ? !/^https?:\/\//i.test(value) : /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(value)) throw invalid(raw, 'is not an http(s) URL');
  const url = tryCanonicalizeUrl(hasScheme ? value : `http://${value}`);
  if (url === null) throw invalid(raw, 'is not a host name or an http(s) URL');
  const parsed = new URL(url);
  const host = parsed.hostname;
  if (host.length === 0 || /[\s/\\]/.test(host)) throw invalid(raw, 'has no valid host');
  if (parsed.username !== '' || parsed.password !== '') throw invalid(raw, 'has user info');
  const domain = registrableDomain(host);
  const bare = !hasScheme && !value.includes('/');
  const rootOnly = parsed.pathname === '/' && parsed.search === '';

  const chosen: TargetScope = scope ?? (bare ? (domain === host ? 'domain' : 'host') : rootOnly ? 'host' : parsed.pathname.endsWith('/') && parsed.search === '' ? 'prefix' : 'exact');
  switch (chosen) {
    case 'domain':
      return { scope: 'domain', value: domain };
    case 'host':
      return { scope: 'host', value: host };
    case 'prefix':
    case 'exact':
      return { scope: chosen, value: url };
  }
}
