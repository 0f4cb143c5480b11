import type { TargetScope } from '../../core/types.js';
import type { SqlBuilder } from './sql-builder.js';

/** The http/https twin of a URL: links may point at either scheme of the same page. */
function schemeTwin(url: string): string {
  if (url.startsWith('https://')) return `http://${url.slice(8)}`;
  if (url.startsWith('http://')) return `https://${url.slice(7)}`;
  return url;
}

function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * The predicate "this URL belongs to the target" over the `dst_*` (backlinks) or `src_*` (outlinks)
 * columns of `links l`. Exact and prefix scopes match both schemes, and test the host first so that
 * DuckDB filters on the short column before the long one.
 */
export function scopeSql(target: { scope: TargetScope; value: string }, b: SqlBuilder, side: 'dst' | 'src' = 'dst'): string {
  const url = `l.${side}_url`;
  const host = `l.${side}_host`;
  switch (target.scope) {
    case 'domain':
      return `l.${side}_domain = ${b.p(target.value)}`;
    case 'host':
      return `${host} = ${b.p(target.value)}`;
    case 'exact':
      return `(${host} = ${b.p(hostOfUrl(target.value))} AND ${url} IN (${b.p(target.value)}, ${b.p(schemeTwin(target.value))}))`;
    case 'prefix':
      return `(${host} = ${b.p(hostOfUrl(target.value))} AND (${b.startsWith(url, b.p(target.value))} OR ${b.startsWith(url, b.p(schemeTwin(target.value)))}))`;
  }
}
