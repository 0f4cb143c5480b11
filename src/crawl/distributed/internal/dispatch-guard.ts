import diagnosticsChannel from 'node:diagnostics_channel';

const CHANNEL = 'undici:client:sendHeaders';

/** What a guarded fetch came to when its request was stopped before it left. */
export const STALE = Symbol('stale reservation');

interface Pending {
  reservedAtMs: number;
  freshMs: number;
  stale: boolean;
  /** Settles when this request is over, for the next request to the same URL. */
  done: Promise<void>;
}

/**
 * Holds every request to its politeness reservation at the last moment: undici publishes a
 * request's headers on a diagnostics channel just before it writes them to the socket. A request
 * whose reservation is older than its `freshMs` then (a busy event loop, a starved process) is stopped
 * there (its socket destroyed, nothing sent) and its caller reserves again; one that leaves
 * reports it (`onSent`), so that the next reservation counts from the real start.
 */
export class DispatchGuard {
  readonly #pending = new Map<string, Pending>();
  readonly #onSent: (host: string) => void;
  readonly #listener = (message: unknown): void => this.#onHeaders(message as { headers?: unknown; socket?: { destroy(): void } });

  constructor(onSent: (host: string) => void) {
    this.#onSent = onSent;
  }

  open(): void {
    diagnosticsChannel.subscribe(CHANNEL, this.#listener);
  }

  close(): void {
    diagnosticsChannel.unsubscribe(CHANNEL, this.#listener);
  }

  /** Run the one request to `url` that `fetch` makes, on the reservation made at `reservedAtMs`, good for `freshMs`. */
  async run<T>(url: string, reservedAtMs: number, freshMs: number, fetch: () => Promise<T>): Promise<T | typeof STALE> {
    const key = keyOfUrl(url);
    // Headers are matched to a pending request by host and path: two requests to one URL at once
    // (two robots.txt reads reaching the same redirect target) would share an entry, and the later
    // reservation would vouch for the earlier request. So they go one after the other; one that
    // waited here is stale by then and reserves again.
    for (let other = this.#pending.get(key); other !== undefined; other = this.#pending.get(key)) await other.done;
    let finish!: () => void;
    const entry: Pending = { reservedAtMs, freshMs, stale: false, done: new Promise<void>((resolve) => (finish = resolve)) };
    this.#pending.set(key, entry);
    try {
      const result = await fetch();
      return entry.stale ? STALE : result;
    } catch (err) {
      if (entry.stale) return STALE;
      throw err;
    } finally {
      if (this.#pending.get(key) === entry) this.#pending.delete(key);
      finish();
    }
  }

  #onHeaders(message: { headers?: unknown; socket?: { destroy(): void } }): void {
    if (typeof message.headers !== 'string') return;
    const head = parseHead(message.headers);
    if (head === null) return;
    const entry = this.#pending.get(`${head.host} ${head.path}`);
    if (entry !== undefined && performance.now() - entry.reservedAtMs > entry.freshMs) {
      entry.stale = true;
      message.socket?.destroy();
      return;
    }
    this.#onSent(head.host);
  }
}

function stripPort(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d+$/, '');
}

function keyOfUrl(url: string): string {
  const u = new URL(url);
  return `${stripPort(u.host)} ${u.pathname}${u.search}`;
}

/** Host (no port) and request target of a raw HTTP/1.1 header block. */
function parseHead(headers: string): { host: string; path: string } | null {
  const line = /^[A-Z]+ (\S+) HTTP\//.exec(headers);
  const host = /\r\nhost: *([^\r\n]+)/i.exec(headers);
  if (line === null || host === null) return null;
  return { host: stripPort(host[1]!), path: line[1]! };
}
