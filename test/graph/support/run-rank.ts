/**
 * `vouch` with the rank command registered, for tests while program.ts does not list it yet:
 * `node --import tsx test/graph/support/run-rank.ts rank …`. Same error handling and exit codes as bin/vouch.js.
 */
import { registerRank } from '../../../src/cli/commands/rank.js';
import { exitCodeFor } from '../../../src/cli/exit-code.js';
import { createProgram } from '../../../src/cli/program.js';
import { VouchError } from '../../../src/core/errors.js';

const program = createProgram();
if (!program.commands.some((c) => c.name() === 'rank')) registerRank(program);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (err) {
  if (err instanceof VouchError) process.stderr.write(`error [${err.code}] ${err.message}\n`);
  else if (err instanceof Error && !('exitCode' in err)) process.stderr.write(`error ${err.message}\n`);
  process.exitCode = exitCodeFor(err);
}
