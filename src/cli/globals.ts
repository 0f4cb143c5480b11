import type { Command } from 'commander';

/** Options every command understands, whatever their position on the command line. */
export interface GlobalOptions {
  data: string | undefined;
  /** `--store` / VOUCH_STORE: a ClickHouse store URL; unset for the DuckDB file. */
  store: string | undefined;
  json: boolean;
  quiet: boolean;
  debug: boolean;
}

/** The global options as seen from inside a command's action. */
export function globalsOf(command: Command): GlobalOptions {
  const o = command.optsWithGlobals<Partial<GlobalOptions>>();
  return { data: o.data, store: o.store, json: o.json === true, quiet: o.quiet === true, debug: o.debug === true };
}
