/**
 * The dashboard's only way to the server: every call sends the API token as a bearer header, and
 * errors come back as ApiError with the problem's status and code. The token lives in
 * sessionStorage, so it is gone when the tab closes.
 */

const TOKEN_KEY = 'vouch.token';
export const API = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

/** Take `#token=...` from the address (the one-click link `vouch demo` prints), and drop it from the history. */
export function adoptTokenFromFragment(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  setToken(decodeURIComponent(match[1]!));
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** Listeners told when a call is refused for want of a valid token (the app shows the login page). */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** `?a=1&b=x&b=y`, leaving out empty values. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function toError(res: Response): Promise<ApiError> {
  let code = 'HTTP_STATUS';
  let detail = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { code?: string; detail?: string };
    code = body.code ?? code;
    detail = body.detail ?? detail;
  } catch {
    // not a problem document: keep the status line
  }
  if (res.status === 401) for (const l of unauthorizedListeners) l();
  return new ApiError(res.status, code, detail);
}

/** GETs started before the app was loaded (see prime), each taken by the first request for its URL. */
const primed = new Map<string, Promise<Response>>();

/**
 * Start a GET now, before the page that needs it has loaded, so the request and the loading of the
 * app's code overlap. The page's own request for the same URL then takes this answer.
 */
export function prime(path: string, query?: Query): void {
  const token = getToken();
  if (!token) return;
  const url = API + path + queryString(query);
  const pending = fetch(url, { headers: { authorization: `Bearer ${token}` } });
  pending.catch(() => {}); // a failure surfaces when the page takes the answer
  primed.set(url, pending);
}

/** A request to /api/v1 with the token; throws ApiError on any non-2xx answer. */
export async function request(path: string, init: RequestInit & { query?: Query; token?: string } = {}): Promise<Response> {
  const url = API + path + queryString(init.query);
  const early = (init.method ?? 'GET') === 'GET' && init.token === undefined ? primed.get(url) : undefined;
  if (early) {
    primed.delete(url);
    const res = await early;
    if (!res.ok) throw await toError(res);
    return res;
  }
  const headers = new Headers(init.headers);
  const token = init.token ?? getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw await toError(res);
  return res;
}

export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return (await (await request(path, { query, signal })).json()) as T;
}

export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body: unknown): Promise<T> {
  const res = await request(path, { method, body: JSON.stringify(body) });
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** Fetch a file from the API (it needs the bearer header, so a plain link cannot) and hand it to the browser as a download. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await request(path, { query });
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Read a server-sent event stream with fetch (EventSource cannot send the bearer header), calling
 * `onEvent` for each event. Reconnects after the server's `retry` delay until `signal` aborts.
 */
export async function streamEvents(path: string, onEvent: (event: string, data: string) => void, signal: AbortSignal): Promise<void> {
  let retryMs = 2000;
  while (!signal.aborted) {
    try {
      const res = await request(path, { signal, headers: { accept: 'text/event-stream' } });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split(/\r?\n/)) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const v = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = v;
            else if (field === 'data') data.push(v);
            else if (field === 'retry' && /^\d+$/.test(v)) retryMs = Number(v);
          }
          if (data.length > 0) onEvent(event, data.join('\n'));
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryMs);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}
