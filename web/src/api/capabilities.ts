import { getJson } from './client.js';

let paths: Promise<Set<string>> | null = null;

/**
 * Whether this server has an API route (by its OpenAPI path, e.g. `/targets/{target}/audit`), so a
 * page can say "not available" instead of calling a route an older server lacks.
 */
export async function hasRoute(path: string): Promise<boolean> {
  paths ??= getJson<{ paths: Record<string, unknown> }>('/openapi.json').then(
    (doc) => new Set(Object.keys(doc.paths)),
    (err: unknown) => {
      paths = null;
      throw err;
    },
  );
  return (await paths).has(`/api/v1${path}`);
}
