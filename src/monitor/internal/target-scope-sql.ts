import type { TargetScope } from '../../core/types.js';
import type { SqlParam, StoreDialect } from '../../store/index.js';

function schemeTwin(url: string): string {
  if (url.startsWith('https://')) return `http://${url.slice(8)}`;
  if (url.startsWith('http://')) return `https://${url.slice(7)}`;
  return url;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * "`links l` is an external backlink of the target": its destination in the target's scope (both
 * schemes for URL scopes, as the reports match), from another registrable domain. Parameters are
 * appended to `params`; the SQL is the same on both dialects but for the prefix test's function name. Web-graph rows (ccgraph) are host-level edges with no page to fetch.
 */
export function backlinkSql(target: { scope: TargetScope; value: string }, params: SqlParam[], dialect: StoreDialect): string {
  const startsWith = dialect === 'clickhouse' ? 'startsWith' : 'starts_with';
  const p = (v: string): string => {
    params.push(v);
    return `$${params.length}`;
  };
  let scope: string;
  switch (target.scope) {
    case 'domain':
      scope = `l.dst_domain = ${p(target.value)}`;
      break;
    case 'host':
      scope = `l.dst_host = ${p(target.value)}`;
      break;
    case 'exact':
      scope = `(l.dst_host = ${p(hostOf(target.value))} AND l.dst_url IN (${p(target.value)}, ${p(schemeTwin(target.value))}))`;
      break;
    case 'prefix':
      scope = `(l.dst_host = ${p(hostOf(target.value))} AND (${startsWith}(l.dst_url, ${p(target.value)}) OR ${startsWith}(l.dst_url, ${p(schemeTwin(target.value))})))`;
      break;
  }
  return `${scope} AND l.src_domain <> l.dst_domain AND l.source <> 'ccgraph'`;
}
