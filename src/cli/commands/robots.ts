import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';

interface RobotsCheckFlags {
  robots: string;
  agent?: string;
  csv?: boolean;
}

/**
 * `vouch robots check`: read a robots.txt (or `-` for stdin) and print allowed/disallowed per URL
 * with the deciding rule. Exported for tests.
 */
export async function runRobotsCheck(
  urls: readonly string[],
  flags: RobotsCheckFlags & { json: boolean; quiet: boolean },
  io: { out: NodeJS.WritableStream; stdin?: NodeJS.ReadableStream },
): Promise<void> {
  const { checkRobots, DEFAULT_USER_AGENT } = await import('../../crawl/index.js');
  const { NotFoundError } = await import('../../core/errors.js');
  let body: Buffer;
  try {
    body = flags.robots === '-' ? await readAll(io.stdin ?? process.stdin) : await readFile(flags.robots);
  } catch (err) {
    throw new NotFoundError(`cannot read robots.txt file ${flags.robots}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  const result = checkRobots({ robotsTxt: body, userAgent: flags.agent ?? DEFAULT_USER_AGENT, urls });
  if (!flags.json && !flags.csv && !flags.quiet) {
    io.out.write(`agent        ${result.agent}\ncrawl-delay  ${result.crawlDelaySeconds === null ? '-' : `${result.crawlDelaySeconds} s`}\n`);
    io.out.write(`sitemaps     ${result.sitemaps.length === 0 ? '-' : result.sitemaps.join('\n             ')}\n`);
  }
  const rows = result.results.map((r) => ({ url: r.url, verdict: r.allowed ? 'allowed' : 'disallowed', rule: r.rule, line: r.line, group: r.group }));
  printReport(
    rows,
    [
      { key: 'url', header: 'url' },
      { key: 'verdict', header: 'verdict' },
      { key: 'rule', header: 'rule' },
      { key: 'line', header: 'line', align: 'right' },
      { key: 'group', header: 'group' },
    ],
    { format: flags.json ? 'json' : flags.csv ? 'csv' : 'table', payload: result, out: io.out },
  );
}

/** `vouch robots ...`: robots.txt tools. */
export function registerRobots(program: Command): void {
  const robots = program.command('robots').description('robots.txt tools (RFC 9309, as Google reads it)');
  robots
    .command('check')
    .description('say whether a robots.txt allows each URL for a user agent, and which rule decides')
    .argument('<url...>', 'URLs (or paths) to check')
    .requiredOption('--robots <file>', 'robots.txt file to read, or - for stdin')
    .option('--agent <user-agent>', 'User-Agent or product token whose group applies (default: Vouch\'s own)')
    .option('--csv', 'print CSV')
    .action(async (urls: string[], flags: RobotsCheckFlags, command: Command) => {
      const globals = globalsOf(command);
      await runRobotsCheck(urls, { ...flags, json: globals.json, quiet: globals.quiet }, { out: process.stdout });
    });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
