import type { TargetScope } from '../../core/types.js';
import type { StoreDialect } from '../../store/index.js';

/** The http/https twin of a URL: links may point at either scheme of the same page. */
function schemeTwin(url: string): string {
  if (url.startsWith('https://')) return `http://${url.slice(8)}`;
  if (url.startsWith('http://')) return `https://${url.slice(7)}`;
  return url;
}

function hostOfUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : '';
}

/**
 * "The link points at the target", over `links l`, with the values as named parameters
 * ($scope_value, $scope_twin, $scope_host) to add to the query's own.
 */
export function targetScopeSql(target: { scope: TargetScope; value: string }, dialect: StoreDialect = 'duckdb'): { sql: string; params: Record<string, string> } {
  const startsWith = dialect === 'clickhouse' ? 'startsWith' : 'starts_with';
  switch (target.scope) {
    case 'domain':
      return { sql: `l.dst_domain = $scope_value`, params: { scope_value: target.value } };
    case 'host':
      return { sql: `l.dst_host = $scope_value`, params: { scope_value: target.value } };
    case 'exact':
      return {
        sql: `(l.dst_host = $scope_host AND l.dst_url IN ($scope_value, $scope_twin))`,
        params: { scope_value: target.value, scope_twin: schemeTwin(target.value), scope_host: hostOfUrl(target.value) },
      };
    case 'prefix':
      return {
        sql: `(l.dst_host = $scope_host AND (${startsWith}(l.dst_url, $scope_value) OR ${startsWith}(l.dst_url, $scope_twin)))`,
        params: { scope_value: target.value, scope_twin: schemeTwin(target.value), scope_host: hostOfUrl(target.value) },
      };
  }
}
