import type { Command } from 'commander';
import { registerWorkerCrawl } from './worker-crawl.js';
import { registerWorkerIngest } from './worker-ingest.js';

/** Subcommands of `vouch worker`, each in its own module. */
const SUBCOMMANDS: ReadonlyArray<(worker: Command) => void> = [registerWorkerCrawl, registerWorkerIngest];

/** `vouch worker <kind>`: long-running workers that take their work from a shared queue. */
export function registerWorker(program: Command): void {
  const worker = program.command('worker').description('run a worker that takes jobs from a shared queue (crawl: a Redis frontier; ingest: a BullMQ queue of WARC/WAT files)');
  for (const register of SUBCOMMANDS) register(worker);
}
