/**
 * Google's `GetPathParamsQuery`: the path, params and query of a URL (scheme, authority and
 * fragment removed), always starting with '/'; '/' when the URL has no path or is not valid.
 * Works on the URL as written; the caller gives it already percent-encoded.
 * @example robotsPathOf('http://a.test/b?c=d#e') // '/b?c=d'
 */
export function robotsPathOf(url: string): string {
  // Two leading slashes start an authority (protocol-relative URL).
  const searchStart = url.startsWith('//') ? 2 : 0;
  const earlyPath = firstOf(url, searchStart);
  let protocolEnd = url.indexOf('://', searchStart);
  // A path, params or query before "://" means the "://" is not a scheme separator.
  if (earlyPath !== -1 && (protocolEnd === -1 || earlyPath < protocolEnd)) protocolEnd = -1;
  protocolEnd = protocolEnd === -1 ? searchStart : protocolEnd + 3;
  const pathStart = firstOf(url, protocolEnd);
  if (pathStart === -1) return '/';
  const hash = url.indexOf('#', searchStart);
  if (hash !== -1 && hash < pathStart) return '/';
  const path = url.slice(pathStart, hash === -1 ? url.length : hash);
  return path.startsWith('/') ? path : '/' + path;
}

function firstOf(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x3b) return i;
  }
  return -1;
}
