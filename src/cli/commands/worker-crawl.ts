import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { toJson } from '../output.js';

interface WorkerCrawlFlags {
  frontier: string;
  job?: string;
  concurrency: number;
  resolve: string[];
  allowPrivate: boolean;
  once: boolean;
  idleExit?: number;
}

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `vouch worker crawl --frontier URL`: fetch for the crawl jobs a `vouch crawl --frontier URL` publishes. */
export function registerWorkerCrawl(worker: Command): void {
  worker
    .command('crawl')
    .description('fetch pages for the crawl jobs on a Redis frontier (started by `vouch crawl --frontier ...`); politeness is shared with every other worker')
    .requiredOption('--frontier <url>', 'the frontier: redis://host:port, redis+sentinel://host:port/master or redis+cluster://host:port,...')
    .option('--job <key>', 'work only this crawl job (its key, crawl:...); default any running job')
    .option('--concurrency <n>', 'requests in flight from this worker', integer(1), 16)
    .option('--resolve <host=ip[:port]>', 'connect to this address for the host, wildcards allowed; repeatable', collect, [])
    .option('--allow-private', 'allow loopback, private and link-local addresses (refused by default against SSRF)', false)
    .option('--once', 'stop after one job', false)
    .option('--idle-exit <ms>', 'stop when no job has been running for this long', integer(0))
    .action(async (flags: WorkerCrawlFlags, command: Command) => {
      const globals = globalsOf(command);
      const { parseResolveRules } = await import('../../crawl/fetch/index.js');
      const { parseFrontierUrl, workCrawlJobs } = await import('../../crawl/distributed/index.js');
      parseFrontierUrl(flags.frontier);
      parseResolveRules(flags.resolve);
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const say = (line: string): void => {
        if (!globals.quiet && !globals.json) process.stderr.write(line + '\n');
      };
      try {
        const worked = await workCrawlJobs({
          frontier: flags.frontier,
          job: flags.job ?? null,
          concurrency: flags.concurrency,
          resolve: flags.resolve,
          allowPrivate: flags.allowPrivate,
          once: flags.once,
          idleExitMs: flags.idleExit ?? null,
          signal: controller.signal,
          onJob: (jobKey, workerId) => say(`worker ${workerId} working ${jobKey}`),
        });
        if (globals.json) process.stdout.write(toJson(worked));
        else if (!globals.quiet) {
          for (const s of worked) {
            process.stdout.write(`worker ${s.workerId}: ${s.pages} pages, ${s.requests} requests, ${s.retries} retries, ${s.lost} lost leases, ${s.frontierErrors} frontier errors in ${(s.elapsedMs / 1000).toFixed(1)} s\n`);
          }
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
