/**
 * What `vouch demo serve` does: start the demo server, write both days' truth files, and give
 * back the `--resolve` arguments a crawl needs.
 */
import path from 'node:path';
import { generateDemoWeb } from './generate-demo-web.js';
import { startDemoServer, type DemoServer } from './start-demo-server.js';
import type { DemoTruth, DemoWebOptions } from './types.js';
import { writeDemoTruth } from './write-demo-truth.js';

export interface ServeDemoOptions extends DemoWebOptions {
  /** Folder the truth files go to. */
  dir: string;
  port?: number;
  logRequests?: boolean;
}

export interface ServeDemoResult {
  server: DemoServer;
  /** demo-truth-day1.json and demo-truth-day2.json in `dir`. */
  truthFiles: { day1: string; day2: string };
  /** `host=ip:port`, one per host: pass each as `--resolve <arg>`. */
  resolveArgs: string[];
  /** Seed URLs of a full crawl (every host's home page). */
  seeds: string[];
  /** The ground truth of both days, as written to `truthFiles`. */
  truth: { day1: DemoTruth; day2: DemoTruth };
}

/**
 * Start serving the demo web and write its ground truth for both days.
 * @example
 * const { server, resolveArgs } = await serveDemo({ dir: 'vouch-data/demo' });
 * for (const arg of resolveArgs) console.log(`--resolve ${arg}`);
 */
export async function serveDemo(options: ServeDemoOptions): Promise<ServeDemoResult> {
  const { dir, port, logRequests, ...webOptions } = options;
  const day1 = generateDemoWeb({ ...webOptions, day: 1 });
  const day2 = generateDemoWeb({ ...webOptions, day: 2 });
  const truthFiles = { day1: path.join(dir, 'demo-truth-day1.json'), day2: path.join(dir, 'demo-truth-day2.json') };
  await writeDemoTruth(day1, truthFiles.day1);
  await writeDemoTruth(day2, truthFiles.day2);
  const [first, other] = webOptions.day === 2 ? [day2, day1] : [day1, day2];
  const server = await startDemoServer({ web: first, otherDay: other, port: port ?? 0, logRequests: logRequests ?? false });
  return { server, truthFiles, resolveArgs: server.resolveArgs, seeds: day1.truth.seeds, truth: { day1: day1.truth, day2: day2.truth } };
}
