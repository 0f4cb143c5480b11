import { CommanderError } from 'commander';
import { VouchError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** The one place that maps an error to the process exit code: 2 for misuse, 1 for anything that went wrong at run time. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (err instanceof VouchError && (err.code === 'USAGE' || err.code === 'INVALID_CONFIG')) return EXIT_USAGE;
  return EXIT_RUNTIME;
}
