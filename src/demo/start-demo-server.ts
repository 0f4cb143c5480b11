/**
 * Serves the demo web on loopback: one Node HTTP server per 127.0.0.x address, all on one port,
 * routed by the Host header, so that sites can share an address (the PBN) or not. A crawler
 * reaches it with `--resolve host=ip:port` (see `resolveArgs`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ValidationError } from '../core/errors.js';
import { generateDemoWeb } from './generate-demo-web.js';
import { planWeb } from './internal/plan-web.js';
import { errorBody } from './internal/render-html.js';
import type { DemoResponse, DemoSite, DemoTruth, DemoWeb, DemoWebOptions } from './types.js';

export interface DemoServerOptions extends DemoWebOptions {
  /** A web generated beforehand, served first; its options say how to generate the other day. */
  web?: DemoWeb;
  /** The other day's web, generated beforehand (else generated on the first setDay). */
  otherDay?: DemoWeb;
  /** Port on every address; 0 picks a free one (retrying until one is free on all addresses). */
  port?: number;
  /** Keep every request in `requestLog`. */
  logRequests?: boolean;
}

export const DEMO_SERVER_DEFAULTS = { port: 0, logRequests: false } satisfies Required<Pick<DemoServerOptions, 'port' | 'logRequests'>>;

export interface DemoRequest {
  host: string;
  path: string;
  /** The address the request arrived on. */
  ip: string;
  method: string;
  status: number;
  /** performance.now() when the request arrived. */
  atMs: number;
}

export interface DemoFetchResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface DemoServer {
  port: number;
  /** The 127.0.0.x addresses listened on. */
  addresses: string[];
  /** The day now served. */
  readonly day: 1 | 2;
  /** The web now served, and its truth. */
  readonly web: DemoWeb;
  readonly truth: DemoTruth;
  /** `host=ip:port` for every host of either day, for the crawler's `--resolve`. */
  resolveArgs: string[];
  /** Every host of either day with its address. */
  hosts: { host: string; ip: string }[];
  /** `http://host:port/path`: the URL as a client with the resolve map would ask for it. */
  urlFor(host: string, path?: string): string;
  /** Serve the other day from now on (generates it on first use). */
  setDay(day: 1 | 2): void;
  /** Requests answered, per host. */
  requests: Map<string, number>;
  requestCount(host?: string): number;
  requestLog: DemoRequest[];
  /** GET a demo URL (`http://host/path`, port ignored) from the right address, with the Host header set. */
  get(url: string, options?: { ip?: string; method?: string }): Promise<DemoFetchResult>;
  close(): Promise<void>;
}

function listen(server: http.Server, ip: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, ip, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function hostOfHeader(header: string | undefined): string {
  if (header === undefined) return '';
  const h = header.trim().toLowerCase();
  const colon = h.lastIndexOf(':');
  const bare = colon > h.lastIndexOf(']') ? h.slice(0, colon) : h;
  return bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

function fallback(site: DemoSite, path: string): DemoResponse {
  const r = site.redirectAll;
  if (r === null) return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: errorBody(404), delayMs: site.delayMs };
  const location = r.toOrigin + (r.keepPath ? path : '/');
  return { status: r.status, headers: { 'content-type': 'text/html; charset=utf-8', location }, body: Buffer.from('Moved\n'), delayMs: site.delayMs };
}

/**
 * Start the demo web server on every address the web uses.
 * @example
 * const server = await startDemoServer({ sites: 20, pages: 300 });
 * // vouch crawl ... --resolve ${server.resolveArgs.join(' --resolve ')}
 * await server.close();
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const port = options.port ?? DEMO_SERVER_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError('invalid port', [{ where: 'port', message: 'an integer from 0 to 65535' }]);
  const first = options.web ?? generateDemoWeb(options);
  const webOptions = first.options;
  const webs = new Map<1 | 2, DemoWeb>([[webOptions.day, first]]);
  if (options.otherDay !== undefined) webs.set(options.otherDay.options.day, options.otherDay);
  let current = first;
  let sitesByHost = new Map(current.sites.map((s) => [s.host, s]));
  const allSites = planWeb(webOptions.seed, webOptions.sites, webOptions.pages).plans.map((p) => p.site);
  const addresses = [...new Set(allSites.map((s) => s.ip))].sort();
  const logRequests = options.logRequests ?? DEMO_SERVER_DEFAULTS.logRequests;
  const requests = new Map<string, number>();
  const requestLog: DemoRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const atMs = performance.now();
    const ip = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
    const host = hostOfHeader(req.headers.host);
    let path = req.url ?? '/';
    if (!path.startsWith('/')) {
      try {
        const u = new URL(path);
        path = u.pathname + u.search;
      } catch {
        path = '/';
      }
    }
    const site = sitesByHost.get(host);
    let response: DemoResponse;
    if (site === undefined) response = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`unknown host ${host}\n`), delayMs: 0 };
    else if (site.ip !== ip) response = { status: 421, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${host} is not served on ${ip}\n`), delayMs: 0 };
    else if (req.method !== 'GET' && req.method !== 'HEAD') response = { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('method not allowed\n'), delayMs: 0 };
    else response = current.responses.get(`http://${host}${path}`) ?? fallback(site, path);
    requests.set(host, (requests.get(host) ?? 0) + 1);
    if (logRequests) requestLog.push({ host, path, ip, method: req.method ?? 'GET', status: response.status, atMs });
    const send = (): void => {
      res.writeHead(response.status, { ...response.headers, 'content-length': String(response.body.length) });
      res.end(req.method === 'HEAD' ? undefined : response.body);
    };
    if (response.delayMs <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, response.delayMs);
    timers.add(timer);
  };

  const servers: http.Server[] = [];
  let boundPort = port;
  for (let attempt = 0; ; attempt++) {
    servers.length = 0;
    try {
      for (const ip of addresses) {
        const server = http.createServer(handle);
        server.keepAliveTimeout = 5000;
        servers.push(server);
        boundPort = await listen(server, ip, boundPort);
      }
      break;
    } catch (err) {
      await Promise.all(servers.map(closeServer));
      const code = (err as NodeJS.ErrnoException).code;
      if (port !== 0 || code !== 'EADDRINUSE' || attempt >= 20) throw err;
      boundPort = 0;
    }
  }

  const hosts = allSites.map((s) => ({ host: s.host, ip: s.ip }));
  const server: DemoServer = {
    port: boundPort,
    addresses,
    get day() {
      return current.options.day;
    },
    get web() {
      return current;
    },
    get truth() {
      return current.truth;
    },
    resolveArgs: hosts.map((h) => `${h.host}=${h.ip}:${boundPort}`),
    hosts,
    urlFor: (host, path = '/') => `http://${host}:${boundPort}${path}`,
    setDay(day) {
      let web = webs.get(day);
      if (web === undefined) {
        web = generateDemoWeb({ ...webOptions, day });
        webs.set(day, web);
      }
      current = web;
      sitesByHost = new Map(web.sites.map((s) => [s.host, s]));
    },
    requests,
    requestCount: (host) => (host === undefined ? [...requests.values()].reduce((a, b) => a + b, 0) : (requests.get(host) ?? 0)),
    requestLog,
    get(url, opts = {}) {
      const u = new URL(url);
      const ip = opts.ip ?? hosts.find((h) => h.host === u.hostname)?.ip ?? addresses[0] ?? '127.0.0.1';
      return new Promise((resolve, reject) => {
        const req = http.request({ host: ip, port: boundPort, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: { host: u.host }, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(servers.map(closeServer));
    },
  };
  return server;
}
