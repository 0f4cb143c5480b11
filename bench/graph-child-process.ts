/** Run a graph bench child (Node through tsx, or the system python3 for igraph) and parse its JSON line. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '..');
export const SYSTEM_PYTHON = '/usr/bin/python3';

export async function nodeChild<T>(args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench', 'graph-rank-child.ts'), ...args], {
    cwd: REPO,
    maxBuffer: 16 << 20,
  });
  return lastJsonLine<T>(stdout);
}

/** The igraph peer, or null with the reason when python3-igraph is missing. */
export async function igraphChild<T>(args: string[]): Promise<{ result: T } | { missing: string }> {
  if (!existsSync(SYSTEM_PYTHON)) return { missing: `${SYSTEM_PYTHON} not found` };
  try {
    await run(SYSTEM_PYTHON, ['-c', 'import igraph, numpy']);
  } catch {
    return { missing: 'python3-igraph/numpy not installed (apt-get install -y python3-igraph python3-numpy)' };
  }
  const { stdout } = await run(SYSTEM_PYTHON, [path.join(REPO, 'scripts', 'graph', 'igraph-bench.py'), ...args], { cwd: REPO, maxBuffer: 16 << 20 });
  return { result: lastJsonLine<T>(stdout) };
}

function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
