import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Env, Hono } from 'hono';
import { VouchError } from '../core/errors.js';

export interface StartServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export const SERVER_DEFAULTS = { port: 8080, host: '127.0.0.1' } satisfies Required<StartServerOptions>;

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  host: string;
  port: number;
  /** Stop accepting connections, end idle ones, and resolve when closed. */
  close(): Promise<void>;
}

/**
 * Listen with the app on host:port (127.0.0.1:8080 by default: only this machine can connect).
 * @throws VouchError USAGE when the port is taken or the address cannot be bound.
 * @example const server = await startServer(createApp({ store }), { port: 0 }); await fetch(server.url + '/api/v1/health');
 */
export function startServer<E extends Env>(app: Hono<E>, options: StartServerOptions = {}): Promise<RunningServer> {
  const { port, host } = { ...SERVER_DEFAULTS, ...options };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host });
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port` : `cannot listen on ${host}:${port} (${err.code ?? err.message})`;
      reject(new VouchError('USAGE', why, { cause: err }));
    });
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        host: address.address,
        port: address.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
  });
}
