/**
 * A server-side recorder for politeness tests: an HTTP proxy on 127.0.0.1 in front of the demo
 * web that notes, per host, when each request arrived and how many requests to that host were open
 * at its arrival. Crawlers reach it with `--resolve *.test=127.0.0.1:PORT`.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DemoServer } from '../../../src/demo/index.js';

export interface RecordedArrival {
  host: string;
  path: string;
  /** Arrival at the proxy, in epoch milliseconds of the proxy's process (only differences matter). */
  atMs: number;
  /** Requests to the host open when this one arrived, itself included. */
  open: number;
}

export interface RecordingProxy {
  port: number;
  arrivals: RecordedArrival[];
  byHost(host: string): RecordedArrival[];
  close(): Promise<void>;
}

/**
 * Start the proxy in its own process (recording-proxy-child.ts), so that its clock readings are
 * not held up by whatever else the test process does; arrivals stream back as JSON lines.
 */
export async function startRecordingProxy(web: DemoServer): Promise<RecordingProxy> {
  const config = { upstreamPort: web.port, ips: web.hosts.map((h) => [h.host, h.ip]) };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'recording-proxy-child.ts'), JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // On two loaded cores a runnable process can wait tens of milliseconds for a core, and a recorder
  // that waits stamps a request late: the next one then looks closer to it than it was. A higher
  // priority (where the test may set one: root, as in CI) keeps the recorder's stamps near arrival.
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, -15);
  } catch {
    // Not permitted: the recorder runs at normal priority.
  }
  const arrivals: RecordedArrival[] = [];
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('recording proxy did not start within 15 s')), 15_000);
    child.once('exit', (code) => reject(new Error(`recording proxy exited with ${code}`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { port?: number } & RecordedArrival;
      if (message.port !== undefined) {
        clearTimeout(timer);
        resolve(message.port);
      } else arrivals.push(message);
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    arrivals,
    byHost: (host) => arrivals.filter((a) => a.host === host).sort((a, b) => a.atMs - b.atMs),
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
