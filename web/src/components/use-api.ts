import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../api/client.js';
import type { Query } from '../api/client.js';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** GET `path` with `query` (re-fetched when either changes; a stale answer is dropped). `path` null: fetch nothing. */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const key = path === null ? null : path + JSON.stringify(query ?? {});
  const [state, setState] = useState<{ key: string | null; data: T | null; error: ApiError | null }>({ key: null, data: null, error: null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    getJson<T>(path, query, controller.signal).then(
      (data) => setState({ key, data, error: null }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ key, data: null, error: err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)) });
      },
    );
    return () => controller.abort();
    // NOTE: key stands for path and query, so they are not listed.
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: key !== null && !current, reload };
}
