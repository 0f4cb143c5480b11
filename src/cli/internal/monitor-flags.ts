/** The fetch flags that `vouch verify` and `vouch monitor` share (they mirror `vouch crawl`'s). */
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { VerifyOptions } from '../../monitor/index.js';

export function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export interface FetchFlags {
  concurrency: number;
  perHost: number;
  delay: number;
  userAgent?: string;
  resolve: string[];
  allowPrivate: boolean;
  timeout: number;
  maxAttempts: number;
  retryDelay: number;
  failures: number;
  recheckLost: boolean;
  fresh: boolean;
}

export function addFetchFlags(command: Command): Command {
  return command
    .option('--concurrency <n>', 'requests in flight in all', integer(1), 8)
    .option('--per-host <n>', 'requests in flight to one host', integer(1), 1)
    .option('--delay <ms>', 'least gap between requests to one host (robots.txt Crawl-delay can raise it)', integer(0), 1000)
    .option('--user-agent <ua>', 'User-Agent header; robots.txt groups match its first word')
    .option('--resolve <host=ip[:port]>', 'connect to this address for the host, wildcards allowed (*.test=127.0.0.2:8080); repeatable', collect, [])
    .option('--allow-private', 'allow loopback, private and link-local addresses (refused by default against SSRF)', false)
    .option('--timeout <ms>', 'longest a request may take', integer(1), 30_000)
    .option('--max-attempts <n>', 'attempts of a page in one run (5xx, 429, timeouts are retried with backoff)', integer(1), 3)
    .option('--retry-delay <ms>', 'first backoff before a retry, doubled each time', integer(0), 2000)
    .option('--failures <n>', 'runs in a row a page must fail before its links are lost with crawl-error', integer(1), 3)
    .option('--no-recheck-lost', 'do not re-check lost backlinks (they can then not be seen to recover)')
    .option('--fresh', 'start a new job even if an unfinished one exists for the target', false);
}

/** Flags → VerifyOptions, with --resolve checked before anything starts. */
export async function toVerifyOptions(flags: FetchFlags): Promise<VerifyOptions> {
  const { parseResolveRules } = await import('../../crawl/index.js');
  try {
    parseResolveRules(flags.resolve);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(err.message, err.issues, { code: 'INVALID_CONFIG', cause: err });
    throw err;
  }
  return {
    concurrency: flags.concurrency,
    perHost: flags.perHost,
    delayMs: flags.delay,
    userAgent: flags.userAgent,
    resolve: flags.resolve,
    allowPrivate: flags.allowPrivate,
    timeoutMs: flags.timeout,
    maxAttempts: flags.maxAttempts,
    retryBaseDelayMs: flags.retryDelay,
    failuresBeforeLost: flags.failures,
    recheckLost: flags.recheckLost,
    fresh: flags.fresh,
  };
}

/** SIGINT/SIGTERM → abort, for the length of `fn`. */
export async function withStopSignal<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
