#!/usr/bin/env node
import pc from 'picocolors';
import { CommanderError } from 'commander';
import { VouchError } from '../core/errors.js';
import { exitCodeFor } from './exit-code.js';
import { createProgram } from './program.js';

/** Run the CLI on `argv` (user arguments only) and resolve to the exit code. Errors become one line; --debug adds the stack. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const code = exitCodeFor(err);
    // commander has already printed its own one-line usage error (or the help/version text).
    if (!(err instanceof CommanderError)) {
      const label = err instanceof VouchError ? err.code : 'INTERNAL';
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`${pc.red('error')} ${pc.dim(`[${label}]`)} ${message.split('\n')[0]}\n`);
      if (argv.includes('--debug')) process.stderr.write(`${err instanceof Error ? (err.stack ?? '') : ''}\n${describeCause(err)}`);
    }
    return code;
  }
}

function describeCause(err: unknown): string {
  let out = '';
  let cause = err instanceof Error ? err.cause : undefined;
  while (cause) {
    out += `caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
