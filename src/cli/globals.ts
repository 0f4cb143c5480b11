import type { Command } from 'commander';

/** Options every command understands, whatever their position on the command line. */
export interface GlobalOptions {
  data: string | undefined;
  json: boolean;
  quiet: boolean;
  debug: boolean;
}

/** The global options as seen from inside a command's action. */
export function globalsOf(command: Command): GlobalOptions {
  const o = command.optsWithGlobals<Partial<GlobalOptions>>();
  return { data: o.data, json: o.json === true, quiet: o.quiet === true, debug: o.debug === true };
}
